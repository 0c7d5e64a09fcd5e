package dev.anshin.scoring.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.rules.RuleAction;
import dev.anshin.scoring.rules.RuleHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

    private final DecisionPolicy policy = new DecisionPolicy(0.5, 0.9);

    private static RuleHit hit(RuleAction action) {
        return new RuleHit("r-" + action, 1, action, action + " rule");
    }

    @Test
    void decidesByScoreAgainstTheThresholdsWithoutRules() {
        assertThat(policy.decide(0.49, List.of())).isEqualTo(Decision.APPROVE);
        assertThat(policy.decide(0.5, List.of())).isEqualTo(Decision.REVIEW);
        assertThat(policy.decide(0.89, List.of())).isEqualTo(Decision.REVIEW);
        assertThat(policy.decide(0.9, List.of())).isEqualTo(Decision.DECLINE);
    }

    @Test
    void declineRuleWinsOverAllowRuleAndLowScore() {
        assertThat(policy.decide(0.0, List.of(hit(RuleAction.ALLOW), hit(RuleAction.DECLINE))))
                .isEqualTo(Decision.DECLINE);
    }

    @Test
    void allowRuleApprovesDespiteAHighScore() {
        assertThat(policy.decide(0.99, List.of(hit(RuleAction.ALLOW), hit(RuleAction.REVIEW))))
                .isEqualTo(Decision.APPROVE);
    }

    @Test
    void reviewRuleRaisesALowScoreToReview() {
        assertThat(policy.decide(0.1, List.of(hit(RuleAction.REVIEW)))).isEqualTo(Decision.REVIEW);
    }

    @Test
    void reviewRuleNeverWeakensADeclineByScore() {
        assertThat(policy.decide(0.95, List.of(hit(RuleAction.REVIEW)))).isEqualTo(Decision.DECLINE);
    }

    @Test
    void reviewsANaNScoreInsteadOfApprovingIt() {
        assertThat(policy.decide(Double.NaN, List.of())).isEqualTo(Decision.REVIEW);
    }

    @Test
    void refusesThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new DecisionPolicy(0.9, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
