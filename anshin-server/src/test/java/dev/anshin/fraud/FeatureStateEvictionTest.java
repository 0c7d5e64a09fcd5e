package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeatureStateEvictionTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    @Test
    void dropsTheStateOfKeysIdleLongerThanConfigured() {
        ScoringEngine engine = new ScoringEngine(new FeatureEngine(new FeatureConfig(Duration.ofDays(7),
                Duration.ofDays(60))), null, RuleSet.EMPTY, DecisionPolicy.defaults());
        engine.score(new Authorization("a-1", "card-1", 1200, "JPY", "M1", "5411", "T1", "JP", PosEntryMode.CHIP,
                true, T0, null, null));
        int held = engine.features().trackedKeys();
        assertThat(held).isPositive();

        assertThat(eviction(engine, T0.plus(Duration.ofDays(59))).evict()).isZero();
        assertThat(eviction(engine, T0.plus(Duration.ofDays(61))).evict()).isEqualTo(held);
        assertThat(engine.features().trackedKeys()).isZero();
    }

    private static FeatureStateEviction eviction(ScoringEngine engine, Instant now) {
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 500,
                20_000, Duration.ofSeconds(5), 10_000, 0, Duration.ofDays(60), Duration.ofMinutes(10),
                DecisionJournalTest.LOG_OFF, DecisionJournalTest.ADMISSION);
        return new FeatureStateEviction(engine, Clock.fixed(now, ZoneOffset.UTC), properties);
    }
}
