package dev.anshin.screening;

/**
 * A decision on a proposal that cannot be made: the proposal is unknown, decided already (a proposal is
 * decided once), or the account's limits changed since it was made (accepting it would set limits
 * computed from other ones); or the note is missing or not storable text. Carries a stable reason and
 * the field at fault, never the note itself.
 */
public final class ProposalRefused extends RuntimeException {

    /** Why, each with a stable code for problems and the bundle ({@code screening.refused.CODE}). */
    public enum Reason {
        /** No proposal with this id (or its customer was erased). */
        UNKNOWN("unknown"),
        /** Decided before, the other way: it stays decided. */
        ALREADY_DECIDED("already-decided"),
        /** The account's recorded limits are no longer the ones the proposal reduces. */
        LIMITS_CHANGED("limits-changed"),
        /** A rejection says why. */
        NOTE_REQUIRED("note-required"),
        /** Too long, control characters, a card number. */
        NOTE_INVALID("note-invalid"),
        /** A decision other than ACCEPT or REJECT. */
        DECISION_INVALID("decision-invalid");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public String messageKey() {
            return "screening.refused." + code;
        }
    }

    private final Reason reason;
    private final ProposalStatus status;

    ProposalRefused(Reason reason, ProposalStatus status, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The proposal's status when refused (null when unknown). */
    public ProposalStatus status() {
        return status;
    }

    /** The request field at fault: {@code note} or {@code decision}, null for a refusal of the move itself. */
    public String field() {
        return switch (reason) {
            case NOTE_REQUIRED, NOTE_INVALID -> "note";
            case DECISION_INVALID -> "decision";
            default -> null;
        };
    }
}
