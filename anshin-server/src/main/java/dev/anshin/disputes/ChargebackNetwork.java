package dev.anshin.disputes;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The card network's dispute system (Visa Resolve Online, Mastercom): a true outside boundary. An
 * issuer plugs in its own adapter; {@link SandboxChargebackNetwork} stands in until then.
 */
public interface ChargebackNetwork {

    /**
     * A chargeback to file.
     *
     * @param disputeId       Anshin's case id
     * @param idempotencyKey  the same for a retry of one filing (after a crash it must not file twice),
     *                        different for a new filing of the case after a withdrawal
     * @param authorizationId the disputed authorization
     * @param reason          the network's reason code
     * @param amountMinor     the disputed amount, in minor units
     * @param currency        ISO 4217
     * @param filingDeadline  the last day it may be filed
     */
    record Filing(String disputeId, String idempotencyKey, String authorizationId, ChargebackReason reason, long amountMinor,
            String currency, LocalDate filingDeadline) {
    }

    /** The network's acknowledgement. */
    record Filed(String reference, Instant filedAt) {
    }

    /** Files a chargeback, or returns the earlier filing with the same idempotency key. */
    Filed file(Filing filing);

    /** Takes a filed chargeback back (idempotent). */
    void withdraw(String reference);
}
