package dev.anshin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What the cardholder's page shows of their phone, and how it reads what the form sends. */
class PortalSupportPageTest {

    @Test
    void aPhoneIsShownWithOnlyItsLastFourDigits() {
        assertThat(PortalSupportPage.mask("090-1234-5678")).isEqualTo("***-****-5678");
        assertThat(PortalSupportPage.mask("+81 90 1234 5678")).isEqualTo("+** ** **** 5678");
        assertThat(PortalSupportPage.mask("0312345678")).isEqualTo("******5678");
    }

    @Test
    void aDayOrATimeThatIsNotOneIsNothingRatherThanAnError() {
        assertThat(PortalSupportPage.parseDay("2026-12-08")).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(PortalSupportPage.parseDay("2026-13-08")).isNull();
        assertThat(PortalSupportPage.parseDay("tomorrow")).isNull();
        assertThat(PortalSupportPage.parseDay(null)).isNull();
        assertThat(PortalSupportPage.parseInstant("2026-12-08T01:30:00Z")).isEqualTo(Instant.parse("2026-12-08T01:30:00Z"));
        assertThat(PortalSupportPage.parseInstant("2026-12-08 10:30")).isNull();
        assertThat(PortalSupportPage.parseInstant("9".repeat(100))).isNull();
    }
}
