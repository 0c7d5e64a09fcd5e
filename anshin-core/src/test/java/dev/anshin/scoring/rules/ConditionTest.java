package dev.anshin.scoring.rules;

import static dev.anshin.scoring.Authorizations.bareAuthorization;
import static dev.anshin.scoring.Authorizations.supermarketPurchase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.features.FeatureSchema;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.rules.Condition.AllOf;
import dev.anshin.scoring.rules.Condition.Attribute;
import dev.anshin.scoring.rules.Condition.Comparison;
import dev.anshin.scoring.rules.Condition.FeatureThreshold;
import dev.anshin.scoring.rules.Condition.InList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

    static final FeatureSchema SCHEMA = new FeatureSchema(List.of("card_count_1h", "card_amount_ratio_30d"));

    static FeatureVector features(float count, float ratio) {
        return new FeatureVector(SCHEMA, new float[] {count, ratio});
    }

    @Test
    void velocityThresholdMatchesAboveTheCount() {
        Condition velocity = new FeatureThreshold("card_count_1h", Comparison.GT, 5);

        assertThat(velocity.matches(supermarketPurchase(), features(6, 1))).isTrue();
        assertThat(velocity.matches(supermarketPurchase(), features(5, 1))).isFalse();
    }

    @Test
    void everyComparisonComparesAsItsNameSays() {
        FeatureVector five = features(5, 1);
        assertThat(new FeatureThreshold("card_count_1h", Comparison.GE, 5).matches(supermarketPurchase(), five)).isTrue();
        assertThat(new FeatureThreshold("card_count_1h", Comparison.LT, 5).matches(supermarketPurchase(), five)).isFalse();
        assertThat(new FeatureThreshold("card_count_1h", Comparison.LE, 5).matches(supermarketPurchase(), five)).isTrue();
        assertThat(new FeatureThreshold("card_count_1h", Comparison.EQ, 5).matches(supermarketPurchase(), five)).isTrue();
    }

    @Test
    void thresholdComparesAtFeaturePrecision() {
        // 4.8f is 4.80000019 as a double: it must not count as "greater than 4.8".
        Condition ratio = new FeatureThreshold("card_amount_ratio_30d", Comparison.GT, 4.8);

        assertThat(ratio.matches(supermarketPurchase(), features(0, 4.8f))).isFalse();
        assertThat(new FeatureThreshold("card_amount_ratio_30d", Comparison.EQ, 4.8)
                .matches(supermarketPurchase(), features(0, 4.8f))).isTrue();
    }

    @Test
    void missingFeatureNeverMatches() {
        FeatureVector missing = features(Float.NaN, Float.NaN);

        for (Comparison comparison : Comparison.values()) {
            assertThat(new FeatureThreshold("card_count_1h", comparison, 0).matches(supermarketPurchase(), missing))
                    .isFalse();
        }
    }

    @Test
    void listMatchesEachAttributeOfTheAuthorization() {
        FeatureVector f = features(0, 0);
        assertThat(new InList(Attribute.CARD, Set.of("card-tok-1")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.MERCHANT, Set.of("merchant-1")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.TERMINAL, Set.of("term-1")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.MCC, Set.of("5411")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.MERCHANT_COUNTRY, Set.of("JP")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.IP, Set.of("203.0.113.7")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.DEVICE, Set.of("device-1")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.CURRENCY, Set.of("JPY")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.CARD, Set.of("card-tok-9")).matches(supermarketPurchase(), f)).isFalse();
    }

    @Test
    void entryModeListHoldsCodesOrNames() {
        FeatureVector f = features(0, 0);
        assertThat(new InList(Attribute.POS_ENTRY_MODE, Set.of("05")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.POS_ENTRY_MODE, Set.of("CHIP")).matches(supermarketPurchase(), f)).isTrue();
        assertThat(new InList(Attribute.POS_ENTRY_MODE, Set.of("81", "MANUAL")).matches(supermarketPurchase(), f))
                .isFalse();
    }

    @Test
    void absentAttributeNeverMatches() {
        FeatureVector f = features(0, 0);
        for (Attribute attribute : List.of(Attribute.DEVICE, Attribute.IP, Attribute.MERCHANT, Attribute.TERMINAL,
                Attribute.MCC, Attribute.MERCHANT_COUNTRY, Attribute.POS_ENTRY_MODE)) {
            assertThat(new InList(attribute, Set.of("", "null", "05")).matches(bareAuthorization(), f)).isFalse();
        }
    }

    @Test
    void allOfMatchesOnlyWhenEveryConditionDoes() {
        Condition both = new AllOf(List.of(new FeatureThreshold("card_count_1h", Comparison.GT, 5),
                new InList(Attribute.MCC, Set.of("5411"))));

        assertThat(both.matches(supermarketPurchase(), features(6, 0))).isTrue();
        assertThat(both.matches(supermarketPurchase(), features(1, 0))).isFalse();
    }

    @Test
    void emptyAllOfMatchesNothing() {
        assertThat(new AllOf(List.of()).matches(supermarketPurchase(), features(0, 0))).isFalse();
    }
}
