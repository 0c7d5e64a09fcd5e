package dev.anshin.fraud;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import java.util.List;

/**
 * The answer to POST /api/v1/authorizations. A retry of the same request gets the same answer.
 *
 * @param latencyMicros    time in the scoring core
 * @param processingMicros server time from request to decision (parsing, tokenization, scoring)
 */
record DecisionResponse(String authorizationId, Decision decision, double score, List<ReasonView> reasons,
        String modelVersion, int ruleSetVersion, long latencyMicros, long processingMicros) {

    record ReasonView(Reason.Kind kind, String code, String description, double weight) {
    }

    static DecisionResponse of(StoredDecision stored) {
        var d = stored.decision();
        return new DecisionResponse(d.authorizationId(), d.decision(), d.score(),
                d.reasons().stream().map(r -> new ReasonView(r.kind(), r.code(), r.description(), r.weight())).toList(),
                d.modelVersion(), d.ruleSetVersion(), d.latencyMicros(), stored.processingMicros());
    }
}
