package dev.anshin.scoring.policy;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.rules.RuleHit;
import java.util.List;

/**
 * Turns a model score and rule hits into a decision. Precedence: a DECLINE rule wins, then an
 * ALLOW rule, then a REVIEW rule (never weaker than the score's own decision), then the score
 * against the thresholds.
 *
 * @param reviewThreshold  scores at or above this are reviewed
 * @param declineThreshold scores at or above this are declined
 */
public record DecisionPolicy(double reviewThreshold, double declineThreshold) {

    public static DecisionPolicy defaults() {
        return new DecisionPolicy(0.5, 0.9);
    }

    public DecisionPolicy {
        if (!(0 <= reviewThreshold && reviewThreshold <= declineThreshold && declineThreshold <= 1)) {
            throw new IllegalArgumentException("need 0 <= reviewThreshold <= declineThreshold <= 1");
        }
    }

    public Decision decide(double score, List<RuleHit> hits) {
        throw new UnsupportedOperationException("TODO");
    }
}
