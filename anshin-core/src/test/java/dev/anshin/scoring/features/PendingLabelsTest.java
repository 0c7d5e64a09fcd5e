package dev.anshin.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.FraudLabel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingLabelsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void deliversOnlyLabelsKnownByThenInTheOrderTheyBecameKnown() {
        FeatureEngine engine = new FeatureEngine(FeatureConfig.defaults());
        PendingLabels pending = new PendingLabels();
        pending.add(label("late", T0.plus(Duration.ofDays(9))));
        pending.add(label("early", T0.plus(Duration.ofDays(7))));

        assertThat(pending.deliverUpTo(T0.plus(Duration.ofDays(6)), engine)).isZero();
        assertThat(pending.deliverUpTo(T0.plus(Duration.ofDays(7)), engine)).isEqualTo(1);
        assertThat(pending.deliverUpTo(T0.plus(Duration.ofDays(8)), engine)).isZero();
        assertThat(pending.deliverAll(engine)).isEqualTo(1);
        assertThat(pending.deliverAll(engine)).isZero();
    }

    private static FraudLabel label(String id, Instant knownAt) {
        return new FraudLabel(id, "card-1", "T1", "M1", T0, true, knownAt);
    }
}
