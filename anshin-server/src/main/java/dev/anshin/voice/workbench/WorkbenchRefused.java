package dev.anshin.voice.workbench;

import java.util.Objects;

/**
 * A workbench action refused, and the field at fault: the pages show the reason's message beside the field (422),
 * nothing is stored. Never carries a voice's text.
 */
public final class WorkbenchRefused extends RuntimeException {

    public enum Reason {
        /** A required choice left empty. */
        MISSING,
        /** Not one of the choices offered (a kind, topic, sentiment or department that does not exist). */
        INVALID_CHOICE,
        /** The same topic chosen twice. */
        DUPLICATE_TOPIC,
        /** A department code not of 2 to 40 capitals and underscores. */
        INVALID_CODE,
        /** A department code already taken. */
        CODE_TAKEN,
        /** A department name empty or longer than 100 characters. */
        INVALID_NAME,
        /** A name holding a card number (13 to 19 digits passing the Luhn check). */
        CARD_NUMBER,
        /** A name holding control, bidirectional or invisible characters ({@code problems.FreeText}). */
        NOT_PLAIN_TEXT,
        /** The item's labels changed since the form was shown: reload and correct again. */
        CHANGED_MEANWHILE,
        /** Already acknowledged by someone. */
        ALREADY_ACKNOWLEDGED
    }

    private final Reason reason;
    private final String field;

    public WorkbenchRefused(Reason reason, String field) {
        super(reason + " (" + field + ")", null, false, false);
        this.reason = Objects.requireNonNull(reason);
        this.field = Objects.requireNonNull(field);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** The bundle key of the message shown beside the field. */
    public String messageKey() {
        return "voice.workbench.refused." + reason.name();
    }
}
