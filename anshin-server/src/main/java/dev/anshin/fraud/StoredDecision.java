package dev.anshin.fraud;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.RiskDecision;
import java.time.Instant;

/**
 * An authorization with the decision Anshin answered, as kept in the journal.
 *
 * @param authorization      the tokenized request, its device id, user agent and IP address as keyed pseudonyms
 *                           ({@link PaymentPseudonyms}; Anshin's own id for a device its devices module recognised)
 * @param fingerprint        SHA-256 of the request, to tell a retry from a conflicting reuse of the id
 * @param decision           the answer
 * @param processingMicros   server time from request to decision, before the durable commit
 * @param decidedAt          when it was decided
 * @param sealedDevice       the clear device id, user agent and IP address sealed with the key of the card's
 *                           customer ({@link PaymentDevices}), or null (no customer, or none of them sent)
 * @param clearDevice        read from a decision log record written before pseudonyms (format 4 or older): the
 *                           authorization's device id, user agent and IP address are the clear values, stored
 *                           where the start-up conversion ({@link PaymentDataConversion}) finds them. Never set
 *                           for a decision made now
 */
public record StoredDecision(Authorization authorization, String fingerprint, RiskDecision decision,
        long processingMicros, Instant decidedAt, String sealedDevice, boolean clearDevice) {

    /** A decision without sealed device data. */
    public StoredDecision(Authorization authorization, String fingerprint, RiskDecision decision,
            long processingMicros, Instant decidedAt) {
        this(authorization, fingerprint, decision, processingMicros, decidedAt, null, false);
    }

    public String authorizationId() {
        return authorization.authorizationId();
    }
}
