package dev.anshin.scoring.rules;

import static dev.anshin.scoring.Authorizations.supermarketPurchase;
import static dev.anshin.scoring.rules.ConditionTest.features;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.rules.Condition.Attribute;
import dev.anshin.scoring.rules.Condition.Comparison;
import dev.anshin.scoring.rules.Condition.FeatureThreshold;
import dev.anshin.scoring.rules.Condition.InList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    static final Rule VELOCITY = new Rule("velocity-card-1h", 3, "More than 5 authorizations on the card in 1 h",
            RuleAction.REVIEW, new FeatureThreshold("card_count_1h", Comparison.GT, 5), true);
    static final Rule BLOCKED_TERMINAL = new Rule("deny-terminal", 1, "Terminal on the deny list",
            RuleAction.DECLINE, new InList(Attribute.TERMINAL, Set.of("term-1")), true);
    static final Rule DISABLED = new Rule("allow-card", 2, "Card on the allow list", RuleAction.ALLOW,
            new InList(Attribute.CARD, Set.of("card-tok-1")), false);

    @Test
    void reportsMatchingRulesInRuleOrder() {
        RuleSet rules = new RuleSet(7, List.of(VELOCITY, BLOCKED_TERMINAL));

        assertThat(rules.evaluate(supermarketPurchase(), features(9, 0))).containsExactly(
                new RuleHit("velocity-card-1h", 3, RuleAction.REVIEW, "More than 5 authorizations on the card in 1 h"),
                new RuleHit("deny-terminal", 1, RuleAction.DECLINE, "Terminal on the deny list"));
    }

    @Test
    void skipsDisabledRules() {
        RuleSet rules = new RuleSet(1, List.of(DISABLED));

        assertThat(rules.evaluate(supermarketPurchase(), features(0, 0))).isEmpty();
    }

    @Test
    void reportsNothingWhenNoRuleMatches() {
        assertThat(new RuleSet(1, List.of(VELOCITY)).evaluate(supermarketPurchase(), features(1, 0))).isEmpty();
        assertThat(RuleSet.EMPTY.evaluate(supermarketPurchase(), features(1, 0))).isEmpty();
    }
}
