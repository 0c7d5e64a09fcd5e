package dev.anshin.disputes;

/** A move the transition table does not allow, or not for this party. Nothing changes. */
public class IllegalTransitionException extends RuntimeException {

    private final DisputeStatus from;
    private final DisputeAction action;
    private final Party by;

    IllegalTransitionException(DisputeStatus from, DisputeAction action, Party by, String message) {
        super(message);
        this.from = from;
        this.action = action;
        this.by = by;
    }

    public DisputeStatus from() {
        return from;
    }

    public DisputeAction action() {
        return action;
    }

    public Party by() {
        return by;
    }
}
