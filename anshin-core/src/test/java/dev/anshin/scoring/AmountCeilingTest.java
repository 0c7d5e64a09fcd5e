package dev.anshin.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import dev.anshin.scoring.rules.RuleSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmountCeilingTest {

    private static final AmountCeiling CEILING = AmountCeiling.ofMajorUnits(
            Map.of("JPY", new BigDecimal("100000000"), "USD", new BigDecimal("1000000")));
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void ceilingsAreInMinorUnitsOfTheCurrencyAndNeverAboveWhatANetworkCarries() {
        assertThat(CEILING.maxMinor("JPY")).isEqualTo(100_000_000L); // no fraction digits
        assertThat(CEILING.maxMinor("USD")).isEqualTo(100_000_000L); // $1,000,000.00
        assertThat(CEILING.maxMinor("EUR")).isEqualTo(AmountCeiling.NETWORK_MAXIMUM_MINOR);
        assertThat(AmountCeiling.ofMajorUnits(Map.of("USD", new BigDecimal("1e15"))).maxMinor("USD"))
                .isEqualTo(AmountCeiling.NETWORK_MAXIMUM_MINOR);
        assertThat(CEILING.allows("JPY", 100_000_000L)).isTrue();
        assertThat(CEILING.allows("JPY", 100_000_001L)).isFalse();
        assertThat(CEILING.allows("EUR", Long.MAX_VALUE)).isFalse();
        assertThatThrownBy(() -> AmountCeiling.ofMajorUnits(Map.of("XYZ", BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AmountCeiling.ofMajorUnits(Map.of("JPY", BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The finding: after one authorization of 9223372036854775807 yen, a card's ordinary
     * purchases scored as suspicious for 30 days. Two engines see the same history; one of them also
     * sees the absurd amount (as a replay of stored data would feed it). The next ordinary purchase
     * gets the same features, score, reasons and decision from both.
     */
    @Test
    void oneAmountAboveTheCeilingDoesNotMoveTheNextOrdinaryPurchasesScoreOrReasons() {
        ScoringEngine clean = engine();
        ScoringEngine poisoned = engine();
        for (int i = 0; i < 10; i++) {
            Authorization ordinary = purchase("history-" + i, 3_000 + 100 * i, START.plus(Duration.ofHours(6 * i)));
            clean.score(ordinary);
            poisoned.score(ordinary);
        }
        RiskDecision absurd = poisoned.score(purchase("absurd", Long.MAX_VALUE, START.plus(Duration.ofHours(61))));
        assertThat(absurd.score()).isBetween(0.0, 1.0); // scored, with the ceiling as its amount

        Authorization next = purchase("next", 3_500, START.plus(Duration.ofHours(62)));
        RiskDecision before = clean.score(next);
        RiskDecision after = poisoned.score(next);

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.reasons()).isEqualTo(before.reasons());
        assertThat(after.decision()).isEqualTo(before.decision()).isEqualTo(Decision.APPROVE);
    }

    @Test
    void anAmountAboveTheCeilingIsLeftOutOfTheCardTerminalMerchantAndDeviceHistory() {
        FeatureEngine clean = new FeatureEngine(config());
        FeatureEngine poisoned = new FeatureEngine(config());
        Authorization first = purchase("first", 3_000, START);
        clean.observe(first);
        poisoned.observe(first);
        float[] absurd = poisoned.observe(purchase("absurd", 100_000_001, START.plusSeconds(60))).values();
        assertThat(absurd[FeatureEngine.schema().indexOf("amount")]).isEqualTo(1.0e8f); // the ceiling
        assertThat(absurd[FeatureEngine.schema().indexOf("card_tx_count_1h")]).isEqualTo(2f); // itself counted

        Authorization next = purchase("next", 3_500, START.plusSeconds(120));
        assertThat(poisoned.observe(next).values()).containsExactly(clean.observe(next).values());
        assertThat(poisoned.trackedKeys()).isEqualTo(clean.trackedKeys());
    }

    @Test
    void withoutAConfiguredCeilingTheNetworksBoundStillKeepsAbsurdAmountsOut() {
        FeatureEngine clean = new FeatureEngine(FeatureConfig.defaults());
        FeatureEngine poisoned = new FeatureEngine(FeatureConfig.defaults());
        clean.observe(purchase("first", 3_000, START));
        poisoned.observe(purchase("first", 3_000, START));
        poisoned.observe(purchase("absurd", Long.MAX_VALUE, START.plusSeconds(60)));
        Authorization next = purchase("next", 3_500, START.plusSeconds(120));
        assertThat(poisoned.observe(next).values()).containsExactly(clean.observe(next).values());
    }

    private static FeatureConfig config() {
        return new FeatureConfig(Duration.ofDays(7), Duration.ofDays(60), CEILING);
    }

    /** A rule and a model that both look at the card's average amount, as the demo's trained models do. */
    private static ScoringEngine engine() {
        Rule highAverage = new Rule("high-average", 1, "The card's 30-day average is unusually high", RuleAction.REVIEW,
                new Condition.FeatureThreshold("card_mean_amount_30d", Condition.Comparison.GT, 100_000), true);
        return new ScoringEngine(new FeatureEngine(config()), new AverageAmountModel(),
                new RuleSet(1, List.of(highAverage)), DecisionPolicy.defaults());
    }

    private static Authorization purchase(String id, long yen, Instant at) {
        return new Authorization(id, "card-tok-1", yen, "JPY", "merchant-1", "5411", "term-1", "JP",
                PosEntryMode.CHIP, true, at, new DeviceData("device-1", "02", "Mozilla/5.0", "ja-JP", -540, 390, 844),
                "203.0.113.7");
    }

    /** Log-odds rise with the log of the card's 30-day average amount. */
    private static final class AverageAmountModel implements RiskModel {

        @Override
        public String version() {
            return "test-average-amount";
        }

        @Override
        public List<String> featureNames() {
            return List.of("card_mean_amount_30d");
        }

        @Override
        public double score(float[] features) {
            double margin = contributions(features)[0] + contributions(features)[1];
            return 1 / (1 + Math.exp(-margin));
        }

        @Override
        public double[] contributions(float[] features) {
            return new double[] {Math.log1p(features[0]) - 12, -2};
        }
    }
}
