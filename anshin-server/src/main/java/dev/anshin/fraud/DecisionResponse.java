package dev.anshin.fraud;

import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to POST /api/v1/authorizations. A retry of the same request gets the same answer.
 *
 * @param score            the model's fraud probability; null when the rules alone decided (mode RULES_ONLY or
 *                         NO_MODEL): there was no score, and a 0.0 would read as "no fraud"
 * @param mode             FULL (model and rules), RULES_ONLY (the rules alone under overload) or NO_MODEL (the
 *                         rules alone because no model is active yet)
 * @param latencyMicros    time in the scoring core
 * @param processingMicros server time from request to decision (parsing, tokenization, scoring)
 */
record DecisionResponse(String authorizationId, Decision decision,
        @Schema(nullable = true,
                description = "The model's fraud probability; null when mode is RULES_ONLY or NO_MODEL")
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
        RULES_ONLY,
        /**
         * No model is active (a fresh installation before its first model is trained and
         * activated, or the active model retired with none in its place): the rules and the policy
         * decide with no score, as they do for a score of zero. DECLINE where a DECLINE rule
         * declines, APPROVE where an ALLOW rule allows, REVIEW where a REVIEW rule fires, APPROVE
         * otherwise. The answer carries no score, and model version {@code none}.
         */
        NO_MODEL
    }

    record ReasonView(Reason.Kind kind, String code, String description, double weight) {
    }

    static DecisionResponse of(StoredDecision stored) {
        var d = stored.decision();
        return new DecisionResponse(d.authorizationId(), d.decision(), d.byRulesAlone() ? null : d.score(),
                d.reasons().stream().map(r -> new ReasonView(r.kind(), r.code(), r.description(), r.weight())).toList(),
                d.modelVersion(), d.ruleSetVersion(), mode(d), d.latencyMicros(), stored.processingMicros());
    }

    private static Mode mode(RiskDecision d) {
        if (ScoringEngine.RULES_ONLY.equals(d.modelVersion())) {
            return Mode.RULES_ONLY;
        }
        return ScoringEngine.NO_MODEL.equals(d.modelVersion()) ? Mode.NO_MODEL : Mode.FULL;
    }
}
