package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.disputes.RecurringCharges.Charge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurringChargesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    private static Charge daysAgo(int days, long amount) {
        return new Charge(NOW.minus(Duration.ofDays(days)), amount);
    }

    @Test
    void aMonthlyRenewalOfAboutTheSameAmountIsASchedule() {
        var schedule = RecurringCharges.schedule(new Charge(NOW, 1_490),
                List.of(daysAgo(31, 1_490), daysAgo(59, 1_490), daysAgo(90, 1_320), daysAgo(12, 5_000)));
        assertThat(schedule).get().satisfies(s -> {
            assertThat(s.period()).isEqualTo(Duration.ofDays(30));
            assertThat(s.earlierCharges()).isEqualTo(3);
        });
    }

    @Test
    void aYearlyRenewal() {
        assertThat(RecurringCharges.schedule(new Charge(NOW, 5_900), List.of(daysAgo(366, 5_900), daysAgo(730, 5_500))))
                .get().extracting(RecurringCharges.Schedule::period).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void oneEarlierChargeOrIrregularOrDifferentAmountsAreNot() {
        assertThat(RecurringCharges.schedule(new Charge(NOW, 1_490), List.of(daysAgo(30, 1_490)))).isEmpty();
        assertThat(RecurringCharges.schedule(new Charge(NOW, 1_490), List.of(daysAgo(13, 1_490), daysAgo(50, 1_490))))
                .isEmpty();
        assertThat(RecurringCharges.schedule(new Charge(NOW, 1_490), List.of(daysAgo(30, 9_800), daysAgo(60, 9_800))))
                .isEmpty();
        assertThat(RecurringCharges.schedule(new Charge(NOW, 1_490), List.of(daysAgo(-30, 1_490), daysAgo(-60, 1_490))))
                .as("later charges do not count").isEmpty();
    }
}
