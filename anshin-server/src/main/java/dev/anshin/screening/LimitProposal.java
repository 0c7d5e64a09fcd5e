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
 * @param decision           staff's decision; null while the proposal is open
 */
public record LimitProposal(String id, String runId, String cardToken, String customerId, Instant proposedAt,
        Limits current, Limits proposed, List<ProposalReason> reasons, BureauFigures bureau, long paymentCapacity,
        long maxRevolvingLimit, long cashAdvanceRoom, long utilizationPercent, Integer latePayments,
        ProposalDecision decision) {

    public LimitProposal {
        reasons = List.copyOf(reasons);
    }

    /** A proposal just made, open. */
    public LimitProposal(String id, String runId, String cardToken, String customerId, Instant proposedAt,
            Limits current, Limits proposed, List<ProposalReason> reasons, BureauFigures bureau, long paymentCapacity,
            long maxRevolvingLimit, long cashAdvanceRoom, long utilizationPercent, Integer latePayments) {
        this(id, runId, cardToken, customerId, proposedAt, current, proposed, reasons, bureau, paymentCapacity,
                maxRevolvingLimit, cashAdvanceRoom, utilizationPercent, latePayments, null);
    }

    public ProposalStatus status() {
        return decision == null ? ProposalStatus.PROPOSED : decision.status();
    }

    public boolean open() {
        return decision == null;
    }

    /** How much lower the two limits together would be: what accepting it takes off the card. */
    public long reduction() {
        return current.revolving() + current.cashAdvance() - proposed.revolving() - proposed.cashAdvance();
    }
}
