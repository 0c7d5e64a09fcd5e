package dev.anshin.voice.review;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A countermeasure change that is not made, and the field at fault: shown beside the field on the page. Nothing is
 * stored when this is thrown.
 */
public final class CountermeasureRefused extends RuntimeException {

    public enum Reason {
        /** Missing or only spaces. */
        MISSING,
        /** Longer than the field allows (action 500, owner 100 characters). */
        TOO_LONG,
        /** Holds a card number (13 to 19 digits passing the Luhn check): refused rather than stored in clear. */
        CARD_NUMBER,
        /** Holds control, bidirectional or invisible characters ({@code problems.FreeText}). */
        NOT_PLAIN_TEXT,
        /** Not a date (YYYY-MM-DD). */
        NOT_A_DATE,
        /** Not a month (YYYY-MM). */
        NOT_A_MONTH,
        /** No such department. */
        UNKNOWN_DEPARTMENT,
        /** Not one of the topics. */
        UNKNOWN_TOPIC,
        /** No such voice item. */
        UNKNOWN_ITEM,
        /** The lifecycle has no such move from the current status. */
        ILLEGAL_MOVE,
        /** Someone changed it meanwhile: reload and try again. */
        CHANGED_MEANWHILE,
        /** No such countermeasure. */
        NOT_FOUND
    }

    private final Map<String, Reason> faults;

    public CountermeasureRefused(Reason reason, String field) {
        this(Map.of(Objects.requireNonNull(field), Objects.requireNonNull(reason)));
    }

    /** Every field at fault at once, in the form's order, so that the page can say all of them. */
    public CountermeasureRefused(Map<String, Reason> faults) {
        super(faults.toString());
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("no fault");
        }
        this.faults = new LinkedHashMap<>(faults);
    }

    /** The first fault's reason. */
    public Reason reason() {
        return faults.values().iterator().next();
    }

    /** The first form field at fault: {@code action}, {@code owner}, {@code dueDate}, {@code department}… */
    public String field() {
        return faults.keySet().iterator().next();
    }

    /** Every field at fault and why. */
    public Map<String, Reason> faults() {
        return java.util.Collections.unmodifiableMap(faults);
    }
}
