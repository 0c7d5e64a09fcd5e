package dev.anshin.screening;

import java.time.Instant;

/**
 * Staff's decision on a proposal: who decided what, when and why.
 *
 * @param status    {@link ProposalStatus#ACCEPTED} or {@link ProposalStatus#REJECTED}
 * @param decidedAt when
 * @param decidedBy the staff member (their sign-in name) or API client
 * @param note      why, in their words (required for a rejection; may be empty for an acceptance)
 */
public record ProposalDecision(ProposalStatus status, Instant decidedAt, String decidedBy, String note) {

    public ProposalDecision {
        if (status == null || status == ProposalStatus.PROPOSED) {
            throw new IllegalArgumentException("a decision accepts or rejects");
        }
        ScreeningInputRefused.required("decidedAt", decidedAt);
        ScreeningInputRefused.required("decidedBy", decidedBy);
        note = note == null ? "" : note;
    }
}
