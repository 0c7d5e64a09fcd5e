package dev.anshin.scoring;

import java.util.List;
import java.util.Map;

/**
 * The answer to one authorization.
 *
 * @param authorizationId the issuer's authorization id
 * @param decision        APPROVE, REVIEW or DECLINE
 * @param score           fraud probability in [0,1] from the active model; 0.0, meaning nothing, when the rules
 *                        alone decided ({@link #byRulesAlone()})
 * @param reasons         the top reasons, most important first
 * @param modelVersion    version of the active model that scored it, {@link ScoringEngine#RULES_ONLY} when the
 *                        model was skipped (overload), {@link ScoringEngine#NO_MODEL} when none was active
 * @param ruleSetVersion  version of the rule set that was applied
 * @param shadowScores    scores of shadow models (logged, not deciding), by model version
 * @param latencyMicros   time spent in the scoring core
 */
public record RiskDecision(
        String authorizationId,
        Decision decision,
        double score,
        List<Reason> reasons,
        String modelVersion,
        int ruleSetVersion,
        Map<String, Double> shadowScores,
        long latencyMicros) {

    public RiskDecision {
        reasons = List.copyOf(reasons);
        shadowScores = Map.copyOf(shadowScores);
    }

    /**
     * Whether the rules alone decided: the model was skipped under overload, or no model was
     * active. The decision and the rules among its reasons then say all there is; the score is no
     * score, and must not be read (or shown) as a low one.
     */
    public boolean byRulesAlone() {
        return ScoringEngine.RULES_ONLY.equals(modelVersion) || ScoringEngine.NO_MODEL.equals(modelVersion);
    }
}
