package dev.anshin.cards;

import dev.anshin.problems.Luhn;
import dev.anshin.problems.RequestProblem;
import java.util.regex.Pattern;

/**
 * A primary account number that passed the format and Luhn checks. It lives only as long as one
 * request at the edge: it is turned into a token and never stored, logged or printed
 * ({@link #toString()} shows BIN and last four only).
 */
final class Pan {

    /** Compiled once: this runs on every authorization that carries a PAN. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{13,19}");

    private final String digits;

    private Pan(String digits) {
        this.digits = digits;
    }

    /** Parses a PAN; the problem names {@code field} and never echoes the value. */
    static Pan parse(String value, String field) {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw RequestProblem.invalid(field, "must be 13 to 19 digits");
        }
        if (!Luhn.isValid(value)) {
            throw RequestProblem.invalid(field, "fails the Luhn check");
        }
        return new Pan(value);
    }

    String digits() {
        return digits;
    }

    String bin() {
        return digits.substring(0, 6);
    }

    String last4() {
        return digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return bin() + "******" + last4();
    }
}
