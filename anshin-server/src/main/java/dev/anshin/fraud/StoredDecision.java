package dev.anshin.fraud;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.RiskDecision;
import java.time.Instant;

/**
 * An authorization with the decision Anshin answered, as kept in the journal.
 *
 * @param authorization      the tokenized request
 * @param fingerprint        SHA-256 of the request, to tell a retry from a conflicting reuse of the id
 * @param decision           the answer
 * @param processingMicros   server time from request to decision, before the durable commit
 * @param decidedAt          when it was decided
 */
public record StoredDecision(Authorization authorization, String fingerprint, RiskDecision decision,
        long processingMicros, Instant decidedAt) {

    public String authorizationId() {
        return authorization.authorizationId();
    }
}
