package dev.anshin.fraud;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.ScoringEngine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to POST /api/v1/authorizations. A retry of the same request gets the same answer.
 *
 * @param score            the model's fraud probability; absent when the rules alone decided
 * @param mode             FULL (model and rules), or RULES_ONLY: decided by the rules alone under overload
 * @param latencyMicros    time in the scoring core
 * @param processingMicros server time from request to decision (parsing, tokenization, scoring)
 */
record DecisionResponse(String authorizationId, Decision decision,
        @Schema(nullable = true, description = "The model's fraud probability; null when mode is RULES_ONLY")
        Double score,
        List<ReasonView> reasons, String modelVersion, int ruleSetVersion, Mode mode, long latencyMicros,
        long processingMicros) {

    /** How the decision was made. */
    enum Mode {
        /** The active model and the rules, as always. */
        FULL,
        /**
         * The rules of the active rule set alone, the model skipped because the server was over
         * capacity (issuer's choice, {@code anshin.fraud.admission.when-overloaded=RULES_ONLY}):
         * APPROVE only where an ALLOW rule allows, DECLINE where a DECLINE rule declines, REVIEW
         * otherwise.
         */
        RULES_ONLY
    }

    record ReasonView(Reason.Kind kind, String code, String description, double weight) {
    }

    static DecisionResponse of(StoredDecision stored) {
        var d = stored.decision();
        boolean rulesOnly = ScoringEngine.RULES_ONLY.equals(d.modelVersion());
        return new DecisionResponse(d.authorizationId(), d.decision(), rulesOnly ? null : d.score(),
                d.reasons().stream().map(r -> new ReasonView(r.kind(), r.code(), r.description(), r.weight())).toList(),
                d.modelVersion(), d.ruleSetVersion(), rulesOnly ? Mode.RULES_ONLY : Mode.FULL, d.latencyMicros(),
                stored.processingMicros());
    }
}
