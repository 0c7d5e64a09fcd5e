package dev.anshin.screening;

/**
 * A figure that cannot be true (a negative income, a household of nobody), refused before anything
 * is computed or stored. Names the offending field and a stable reason, so that a command prints it
 * and an API answers it as a field problem; the message carries the field and the rule, never the
 * value given.
 */
public final class ScreeningInputRefused extends RuntimeException {

    private final String field;
    private final String reason;

    public ScreeningInputRefused(String field, String reason, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    /** The field as the caller named it, e.g. {@code annualIncome}. */
    public String field() {
        return field;
    }

    /** A stable code: {@code negative}, {@code too-large}, {@code too-small}, {@code required}, {@code malformed}. */
    public String reason() {
        return reason;
    }

    static long yen(String field, long value) {
        if (value < 0) {
            throw new ScreeningInputRefused(field, "negative", "must not be negative");
        }
        if (value > PaymentCapacity.MAX_YEN) {
            throw new ScreeningInputRefused(field, "too-large", "more than " + PaymentCapacity.MAX_YEN + " yen is not a real figure");
        }
        return value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ScreeningInputRefused(field, "required", "is required");
        }
        return value;
    }
}
