package dev.anshin.screening;

import java.time.Instant;
import java.util.List;

/**
 * A limit reduction the re-screening proposes; never applied by Anshin itself. Words for the reasons
 * in the bundle ({@code screening.proposal.CODE}).
 *
 * @param id                 its id
 * @param runId              the re-screening run that made it
 * @param cardToken          the card
 * @param customerId         its customer
 * @param proposedAt         when
 * @param current            the limits when proposed
 * @param proposed           the lower limits proposed
 * @param reasons            why
 * @param bureau             the bureau's figures it rests on
 * @param paymentCapacity    the payment capacity with them
 * @param maxRevolvingLimit  90 % of it
 * @param cashAdvanceRoom    what the total-volume rule leaves for this issuer's cash advance
 * @param utilizationPercent the card's use in the look-back window, as a share of its revolving limit
 * @param latePayments       late payments in twelve months, null when not known
 */
public record LimitProposal(String id, String runId, String cardToken, String customerId, Instant proposedAt,
        Limits current, Limits proposed, List<ProposalReason> reasons, BureauFigures bureau, long paymentCapacity,
        long maxRevolvingLimit, long cashAdvanceRoom, long utilizationPercent, Integer latePayments) {

    public LimitProposal {
        reasons = List.copyOf(reasons);
    }
}
