package dev.anshin.ekyc;

/**
 * A request the eKYC module refuses, with why; the controllers map it to a problem. Never carries
 * personal data (there is none here).
 */
public class EkycRefused extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** No verification has this id. */
        UNKNOWN_VERIFICATION,
        /** An event id seen before, with a different body. */
        EVENT_CONFLICT,
        /** A field of the request is not acceptable ({@link #field()} says which). */
        INVALID_FIELD
    }

    private final Reason reason;
    private final String field;

    EkycRefused(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    static EkycRefused invalid(String field, String message) {
        return new EkycRefused(Reason.INVALID_FIELD, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The offending field, for INVALID_FIELD and UNKNOWN_VERIFICATION; else null. */
    public String field() {
        return field;
    }
}
