package dev.anshin.scoring;

import java.util.List;
import java.util.Map;

/**
 * The answer to one authorization.
 *
 * @param authorizationId the issuer's authorization id
 * @param decision        APPROVE, REVIEW or DECLINE
 * @param score           fraud probability in [0,1] from the active model
 * @param reasons         the top reasons, most important first
 * @param modelVersion    version of the active model that scored it
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
}
