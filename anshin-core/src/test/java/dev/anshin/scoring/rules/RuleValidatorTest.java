package dev.anshin.scoring.rules;

import static dev.anshin.scoring.rules.ConditionTest.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.rules.Condition.AllOf;
import dev.anshin.scoring.rules.Condition.Attribute;
import dev.anshin.scoring.rules.Condition.Comparison;
import dev.anshin.scoring.rules.Condition.FeatureThreshold;
import dev.anshin.scoring.rules.Condition.InList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    private static Rule rule(Condition condition) {
        return new Rule("r-1", 1, "A rule", RuleAction.REVIEW, condition, true);
    }

    @Test
    void acceptsAValidVelocityRule() {
        assertThat(RuleValidator.validate(RuleSetTest.VELOCITY, SCHEMA)).isEmpty();
        assertThat(RuleValidator.validate(RuleSetTest.BLOCKED_TERMINAL, SCHEMA)).isEmpty();
    }

    @Test
    void namesAnUnknownFeature() {
        assertThat(RuleValidator.validate(rule(new FeatureThreshold("card_count_2h", Comparison.GT, 5)), SCHEMA))
                .containsExactly("condition.feature: unknown feature 'card_count_2h'");
    }

    @Test
    void refusesANonFiniteThreshold() {
        assertThat(RuleValidator.validate(rule(new FeatureThreshold("card_count_1h", Comparison.GT, Double.NaN)),
                SCHEMA)).containsExactly("condition.value: must be a finite number");
        assertThat(RuleValidator.validate(
                rule(new FeatureThreshold("card_count_1h", Comparison.GT, Double.POSITIVE_INFINITY)), SCHEMA))
                .containsExactly("condition.value: must be a finite number");
    }

    @Test
    void refusesAnEmptyList() {
        assertThat(RuleValidator.validate(rule(new InList(Attribute.CARD, Set.of())), SCHEMA))
                .containsExactly("condition.values: must not be empty");
    }

    @Test
    void refusesListValuesThatCanNeverMatch() {
        assertThat(RuleValidator.validate(rule(new InList(Attribute.MCC, Set.of("54111"))), SCHEMA))
                .containsExactly("condition.values: '54111' is not a four-digit MCC");
        assertThat(RuleValidator.validate(rule(new InList(Attribute.POS_ENTRY_MODE, Set.of("chip"))), SCHEMA))
                .hasSize(1);
        assertThat(RuleValidator.validate(rule(new InList(Attribute.MERCHANT_COUNTRY, Set.of("jp"))), SCHEMA))
                .hasSize(1);
        assertThat(RuleValidator.validate(rule(new InList(Attribute.CURRENCY, Set.of("YEN"))), SCHEMA)).isEmpty();
        assertThat(RuleValidator.validate(rule(new InList(Attribute.CURRENCY, Set.of("yen"))), SCHEMA)).hasSize(1);
    }

    @Test
    void refusesBlankIdDescriptionAndMissingParts() {
        Rule bare = new Rule(" ", 1, "", null, null, true);

        assertThat(RuleValidator.validate(bare, SCHEMA)).containsExactly(
                "id: must not be blank",
                "description: must not be blank (it is shown as the reason of a match)",
                "action: must be one of ALLOW, REVIEW, DECLINE",
                "condition: must not be null");
    }

    @Test
    void refusesAnIdWithSpacesOrSlashes() {
        Rule rule = new Rule("velocity/card 1h", 1, "x", RuleAction.REVIEW,
                new FeatureThreshold("card_count_1h", Comparison.GT, 5), true);

        assertThat(RuleValidator.validate(rule, SCHEMA)).singleElement().asString().startsWith("id: ");
    }

    @Test
    void namesTheNestedFieldOfAnAllOf() {
        Condition nested = new AllOf(List.of(new InList(Attribute.MCC, Set.of("5411")),
                new FeatureThreshold("nope", Comparison.GT, 1)));

        assertThat(RuleValidator.validate(rule(nested), SCHEMA))
                .containsExactly("condition.conditions[1].feature: unknown feature 'nope'");
        assertThat(RuleValidator.validate(rule(new AllOf(List.of())), SCHEMA))
                .containsExactly("condition.conditions: must not be empty");
    }
}
