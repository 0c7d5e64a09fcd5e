package dev.anshin.screening;

/**
 * Where a proposed limit reduction stands. A proposal is decided once: {@code PROPOSED} moves to
 * {@code ACCEPTED} or {@code REJECTED} and stays there. Words in the bundle ({@code screening.status.CODE}).
 */
public enum ProposalStatus {
    /** Made by a re-screening run, waiting for staff. */
    PROPOSED,
    /** Staff accepted it: the account's recorded limits became the proposed ones. */
    ACCEPTED,
    /** Staff rejected it, with a note saying why: the limits stay. */
    REJECTED;

    /** The bundle key of its words. */
    public String messageKey() {
        return "screening.status." + name();
    }
}
