package dev.anshin.voice;

import java.util.Objects;

/**
 * A voice the intake will not store, and which of its fields is at fault: mapped to an RFC 9457 problem by the
 * API, to a message beside the field by the forms, to a row of the error report by the CSV import. Nothing of the
 * voice is stored when this is thrown.
 */
public final class VoiceRefused extends RuntimeException {

    public enum Reason {
        /** No text, or only spaces. */
        EMPTY_TEXT,
        /** More characters than {@link VoiceIntake#MAX_TEXT_LENGTH}. */
        TEXT_TOO_LONG,
        /** Not a channel Anshin knows. */
        UNKNOWN_CHANNEL,
        /** No such customer. */
        UNKNOWN_CUSTOMER,
        /** The customer has been erased: nothing more is recorded about them. */
        CUSTOMER_ERASED,
        /** Received later than now (beyond a little clock skew). */
        RECEIVED_IN_FUTURE,
        /** Received before the voices' retention period: it would be deleted at once, its month's key is gone. */
        RECEIVED_TOO_LONG_AGO,
        /** A required field is missing. */
        MISSING,
        /** The same idempotency key was used before with other content. */
        KEY_REUSED
    }

    private final Reason reason;
    private final String field;

    public VoiceRefused(Reason reason, String field) {
        super(reason + " (" + field + ")");
        this.reason = Objects.requireNonNull(reason);
        this.field = Objects.requireNonNull(field);
    }

    public Reason reason() {
        return reason;
    }

    /** The offending field, as the API names it ({@code text}, {@code channel}, {@code customerId}, {@code receivedAt}…). */
    public String field() {
        return field;
    }
}
