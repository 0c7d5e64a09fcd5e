package dev.anshin.screening;

/**
 * Why a re-screening proposes lower limits; words for staff in the bundle
 * ({@code screening.proposal.CODE}).
 */
public enum ProposalReason {
    /** 90 % of the payment capacity, with the bureau's repayments now, is below the revolving limit. */
    CAPACITY_FELL,
    /** The cash-advance limit with other lenders' balances now exceeds a third of income. */
    TOTAL_VOLUME_EXCEEDED,
    /** The bureau now reports a delinquency (異動): cash advance to 0, revolving at most the issuer's minimum. */
    DELINQUENCY,
    /** Late payments reached the threshold: cash advance to 0. */
    LATE_PAYMENTS,
    /** A note beside a proposal: the card is used near its limit. */
    HIGH_UTILIZATION;

    /** The bundle key of its words. */
    public String messageKey() {
        return "screening.proposal." + name();
    }
}
