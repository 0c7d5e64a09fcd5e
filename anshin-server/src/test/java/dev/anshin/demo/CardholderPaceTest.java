package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CardholderPaceTest {

    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aDayOfTheLiveStreamsOffersAtFourAMinuteGivesTheCardholderThreeCharges() {
        CardholderPace pace = new CardholderPace(3);
        int charges = 0;
        for (Instant at = START; at.isBefore(START.plus(Duration.ofDays(1))); at = at.plusSeconds(15)) {
            charges += pace.allows(at) ? 1 : 0;
        }
        assertThat(charges).isEqualTo(3);
    }

    @Test
    void theFirstChargeMayComeAtOnceAndTheNextAfterTheGap() {
        CardholderPace pace = new CardholderPace(3);
        assertThat(pace.allows(START)).isTrue();
        assertThat(pace.allows(START.plus(Duration.ofHours(7)))).isFalse();
        assertThat(pace.allows(START.plus(Duration.ofHours(8)))).isTrue();
    }

    @Test
    void noneADayMeansNoCharges() {
        assertThat(new CardholderPace(0).allows(START)).isFalse();
    }
}
