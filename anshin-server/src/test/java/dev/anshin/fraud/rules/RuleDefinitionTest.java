package dev.anshin.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.fraud.rules.RuleDefinition.ConditionDefinition;
import dev.anshin.problems.FieldProblem;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

    private static final Set<String> FEATURES = Set.of("amount", "card_tx_count_1h");

    @Test
    void mapsNestedConditionsToTheCoreRule() {
        RuleDefinition definition = new RuleDefinition("velocity", "Many transactions", "REVIEW", null,
                new ConditionDefinition("allOf", null, null, null, null, null, List.of(
                        new ConditionDefinition("feature", "card_tx_count_1h", "GE", 5.0, null, null, null),
                        new ConditionDefinition("inList", null, null, null, "MCC", List.of("7995"), null))));

        assertThat(definition.validate(FEATURES)).isEmpty();
        Rule rule = definition.toRule(3);

        assertThat(rule.version()).isEqualTo(3);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.action()).isEqualTo(RuleAction.REVIEW);
        assertThat(rule.condition()).isEqualTo(new Condition.AllOf(List.of(
                new Condition.FeatureThreshold("card_tx_count_1h", Condition.Comparison.GE, 5.0),
                new Condition.InList(Condition.Attribute.MCC, Set.of("7995")))));
    }

    @Test
    void namesTheOffendingFieldsByPath() {
        RuleDefinition definition = new RuleDefinition("Bad Id!", "", "BLOCK", true,
                new ConditionDefinition("allOf", null, null, null, null, null, List.of(
                        new ConditionDefinition("feature", "shoe_size", "ABOUT", null, null, null, null))));

        assertThat(definition.validate(FEATURES)).extracting(FieldProblem::field).containsExactly("id",
                "description", "action", "condition.conditions[0].feature", "condition.conditions[0].comparison",
                "condition.conditions[0].value");
    }
}
