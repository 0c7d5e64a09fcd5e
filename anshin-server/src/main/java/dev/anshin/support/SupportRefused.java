package dev.anshin.support;

/**
 * A booking, move, cancellation or outcome refused for a reason the person can act on; the pages
 * say it in words next to the field, from the reason's message key. Carries no personal data.
 */
public final class SupportRefused extends RuntimeException {

    /** Why, each with its message key {@code support.refused.<name>}. */
    public enum Reason {
        /** Every place of the slot is taken (by another booking, perhaps a moment ago). */
        SLOT_FULL,
        /** Not a slot of the window: a weekend, outside the hours, begun or past, too far ahead. */
        SLOT_NOT_OFFERED,
        /** The customer already has an open booking of this kind. */
        ALREADY_BOOKED,
        /** No such booking for this customer. */
        NOT_FOUND,
        /** The booking is closed (cancelled, served) or has begun: it cannot change any more. */
        CLOSED,
        /** The kind, topic or outcome is not one of the list. */
        INVALID_CHOICE,
        /** The note is too long or not text (a card number, control characters). */
        INVALID_NOTE,
        /** The form's request id is missing or not a UUID. */
        INVALID_REQUEST,
        /** Served or a no-show recorded before the slot has begun (the place would be lost). */
        NOT_STARTED,
        /** A call-back asked for, but no phone number is held for the customer. */
        NO_PHONE
    }

    private final Reason reason;

    SupportRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The message bundle key of the reason. */
    public String messageKey() {
        return "support.refused." + reason.name();
    }
}
