package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.disputes.ChargebackReason.Environment;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChargebackReasonTest {

    @Test
    void theNetworkComesFromTheBin() {
        assertThat(CardNetwork.ofBin("498765")).contains(CardNetwork.VISA);
        assertThat(CardNetwork.ofBin("510000")).contains(CardNetwork.MASTERCARD);
        assertThat(CardNetwork.ofBin("222100")).contains(CardNetwork.MASTERCARD);
        assertThat(CardNetwork.ofBin("272099")).contains(CardNetwork.MASTERCARD);
        assertThat(CardNetwork.ofBin("272100")).isEmpty();
        assertThat(CardNetwork.ofBin("352800")).contains(CardNetwork.JCB);
        assertThat(CardNetwork.ofBin("358999")).contains(CardNetwork.JCB);
        assertThat(CardNetwork.ofBin("371234")).as("American Express").isEmpty();
        assertThat(CardNetwork.ofBin("49876")).isEmpty();
        assertThat(CardNetwork.ofBin(null)).isEmpty();
    }

    @Test
    void theEnvironmentComesFromThePosEntryMode() {
        assertThat(Environment.of("81", true)).isEqualTo(Environment.CARD_ABSENT);
        assertThat(Environment.of("10", true)).isEqualTo(Environment.CARD_ABSENT);
        assertThat(Environment.of("05", false)).isEqualTo(Environment.CARD_ABSENT);
        assertThat(Environment.of("02", true)).isEqualTo(Environment.MAGSTRIPE_OR_KEYED);
        assertThat(Environment.of("01", true)).isEqualTo(Environment.MAGSTRIPE_OR_KEYED);
        assertThat(Environment.of("05", true)).isEqualTo(Environment.CHIP);
        assertThat(Environment.of("07", true)).isEqualTo(Environment.CHIP);
    }

    @Test
    void fraudReasonCodesPerNetworkAndEnvironment() {
        assertThat(ChargebackReason.forFraud(CardNetwork.VISA, Environment.CARD_ABSENT, true)).contains(ChargebackReason.VISA_10_4);
        assertThat(ChargebackReason.forFraud(CardNetwork.VISA, Environment.MAGSTRIPE_OR_KEYED, true))
                .contains(ChargebackReason.VISA_10_1);
        assertThat(ChargebackReason.forFraud(CardNetwork.VISA, Environment.MAGSTRIPE_OR_KEYED, false))
                .contains(ChargebackReason.VISA_10_2);
        assertThat(ChargebackReason.forFraud(CardNetwork.VISA, Environment.CHIP, false)).contains(ChargebackReason.VISA_10_3);
        assertThat(ChargebackReason.forFraud(CardNetwork.MASTERCARD, Environment.CARD_ABSENT, true))
                .contains(ChargebackReason.MASTERCARD_4837);
        assertThat(ChargebackReason.forFraud(CardNetwork.MASTERCARD, Environment.MAGSTRIPE_OR_KEYED, true))
                .contains(ChargebackReason.MASTERCARD_4870);
        assertThat(ChargebackReason.forFraud(CardNetwork.MASTERCARD, Environment.MAGSTRIPE_OR_KEYED, false))
                .contains(ChargebackReason.MASTERCARD_4871);
        assertThat(ChargebackReason.forFraud(CardNetwork.JCB, Environment.CARD_ABSENT, true)).isEmpty();
        assertThat(ChargebackReason.VISA_10_4.needsCardholderCertification()).isTrue();
        assertThat(ChargebackReason.VISA_10_3.needsCardholderCertification()).isFalse();
    }

    @Test
    void filingDeadlinesCountCalendarDaysFromProcessing() {
        Instant processed = Instant.parse("2026-01-10T23:30:00Z");
        assertThat(ChargebackReason.VISA_10_4.filingDeadline(processed)).isEqualTo(LocalDate.parse("2026-05-10"));
        assertThat(ChargebackReason.MASTERCARD_4837.filingDeadline(processed)).isEqualTo(LocalDate.parse("2026-04-10"));
        assertThat(ChargebackReason.VISA_10_4.filingWindowClosed(processed, Instant.parse("2026-05-10T23:59:59Z"))).isFalse();
        assertThat(ChargebackReason.VISA_10_4.filingWindowClosed(processed, Instant.parse("2026-05-11T00:00:00Z"))).isTrue();
        assertThat(ChargebackReason.VISA_10_4.merchantResponseWindow().toDays()).isEqualTo(30);
        assertThat(ChargebackReason.MASTERCARD_4863.merchantResponseWindow().toDays()).isEqualTo(45);
    }
}
