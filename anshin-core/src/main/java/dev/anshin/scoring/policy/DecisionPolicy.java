package dev.anshin.scoring.policy;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.rules.RuleHit;
import java.util.List;

/**
 * Turns a model score and rule hits into a decision. Precedence: a DECLINE rule wins, then an
 * ALLOW rule, then a REVIEW rule (never weaker than the score's own decision), then the score
 * against the thresholds. A NaN score (a broken model) is reviewed rather than approved.
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
        boolean allow = false;
        boolean review = false;
        for (RuleHit hit : hits) {
            switch (hit.action()) {
                case DECLINE -> {
                    return Decision.DECLINE;
                }
                case ALLOW -> allow = true;
                case REVIEW -> review = true;
            }
        }
        if (allow) {
            return Decision.APPROVE;
        }
        Decision byScore = byScore(score);
        return review && byScore == Decision.APPROVE ? Decision.REVIEW : byScore;
    }

    /** The decision the score alone asks for. */
    public Decision byScore(double score) {
        if (Double.isNaN(score)) {
            return Decision.REVIEW;
        }
        if (score >= declineThreshold) {
            return Decision.DECLINE;
        }
        return score >= reviewThreshold ? Decision.REVIEW : Decision.APPROVE;
    }
}
