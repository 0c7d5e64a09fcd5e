package dev.anshin.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import dev.anshin.scoring.rules.RuleSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringEngineWithFeatureEngineTest {

    private static Authorization purchase(int n, Instant at) {
        return new Authorization("auth-" + n, "card-tok-1", 2_500, "EUR", "merchant-1", "5411", "term-" + n, "FR",
                PosEntryMode.CHIP, true, at, null, null);
    }

    @Test
    void velocityRuleSeesTheCardsCountIncludingTheCurrentAuthorization() {
        Rule velocity = new Rule("velocity-card-1h", 1, "More than 2 authorizations on the card in 1 h",
                RuleAction.REVIEW, new Condition.FeatureThreshold("card_tx_count_1h", Condition.Comparison.GT, 2),
                true);
        ScoringEngine engine = new ScoringEngine(new FeatureEngine(FeatureConfig.defaults()), null,
                new RuleSet(1, List.of(velocity)), DecisionPolicy.defaults());
        Instant start = Instant.parse("2026-03-01T12:00:00Z");

        List<Decision> decisions = List.of(
                engine.score(purchase(1, start)).decision(),
                engine.score(purchase(2, start.plusSeconds(60))).decision(),
                engine.score(purchase(3, start.plusSeconds(120))).decision());

        assertThat(decisions).containsExactly(Decision.APPROVE, Decision.APPROVE, Decision.REVIEW);
    }

    @Test
    void ruleSchemaValidationKnowsTheEnginesFeatures() {
        Rule velocity = new Rule("velocity-card-1h", 1, "Velocity", RuleAction.REVIEW,
                new Condition.FeatureThreshold("card_tx_count_1h", Condition.Comparison.GT, 5), true);

        assertThat(dev.anshin.scoring.rules.RuleValidator.validate(velocity, FeatureEngine.schema())).isEmpty();
    }
}
