package dev.anshin.screening;

import java.time.Instant;

/**
 * Staff accepted a proposed limit reduction: the account's limits recorded in Anshin are now
 * {@code limits}. Published in the acceptance's transaction, for the issuer's systems (the card
 * platform that enforces the limits, the notice that tells the cardholder). Ids and yen only.
 *
 * @param proposalId the proposal
 * @param cardToken  the card
 * @param customerId its customer
 * @param before     the limits before
 * @param limits     the limits now
 * @param acceptedAt when
 */
public record LimitReductionAccepted(String proposalId, String cardToken, String customerId, Limits before,
        Limits limits, Instant acceptedAt) {
}
