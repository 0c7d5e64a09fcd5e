package dev.anshin.problems;

import java.util.List;
import java.util.Optional;

/**
 * The one check of text that comes from outside (API bodies, portal and console forms) before it is
 * stored or shown to anyone. Its answers never repeat the text, so a refused value cannot leak into
 * a problem response or a log.
 *
 * <ul>
 * <li>Every text: no C0 or C1 control characters (a NUL ends strings in other systems, an escape
 * sequence rewrites a terminal), no Unicode bidirectional controls (U+202E turns
 * "moc.elgoog" into a convincing merchant name on a cardholder's statement), no unpaired
 * surrogate (not text at all; PostgreSQL refuses it).</li>
 * <li>Free text (names, addresses, descriptions, notes) also holds no card number: 13 to 19
 * digits, possibly split by single spaces or dashes, that pass the Luhn check. A card number typed
 * into the wrong box is refused instead of stored in clear.</li>
 * </ul>
 * Identifiers (ids, phone numbers, customer numbers, e-mail addresses) get only the first check:
 * their own formats say what they hold, and a long numeric id passes the Luhn check one time in ten.
 */
public final class FreeText {

    /** Why a text is refused, in words for the field's problem. */
    public static final String CONTROL = "must not contain control characters";
    public static final String BIDI = "must not contain bidirectional formatting characters (U+202A-U+202E, "
            + "U+2066-U+2069, U+200E, U+200F, U+061C)";
    public static final String NOT_TEXT = "is not valid Unicode text";
    public static final String CARD_NUMBER = "must not contain a card number (13 to 19 digits that pass the Luhn check)";

    private static final int MIN_CARD_DIGITS = 13;
    private static final int MAX_CARD_DIGITS = 19;

    private FreeText() {
    }

    /** What is wrong with one line of free text; empty when it may be stored. */
    public static Optional<String> problem(String value) {
        return characterProblem(value, false).or(() -> cardNumberProblem(value));
    }

    /** Same, for text that may span lines (notes, answers): line feeds, carriage returns and tabs are allowed. */
    public static Optional<String> multiLineProblem(String value) {
        return characterProblem(value, true).or(() -> cardNumberProblem(value));
    }

    /** The character check alone, for identifiers and other text with a format of its own. */
    public static Optional<String> characterProblem(String value) {
        return characterProblem(value, false);
    }

    /**
     * Whether the text can be stored at all: no NUL (PostgreSQL refuses it in text) and no unpaired
     * surrogate (not Unicode). Checked for every string of every JSON body and every request parameter
     * ({@link StrictJson}, {@link StorableParameters}), before anything looks it up.
     */
    public static boolean storable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Adds the problem of one line of free text, if any, under {@code field}. */
    public static void check(List<FieldProblem> problems, String field, String value) {
        if (value != null) {
            problem(value).ifPresent(message -> problems.add(new FieldProblem(field, message)));
        }
    }

    /**
     * Whether the text holds a card number: a run of 13 to 19 digits (any script's decimal digits,
     * full-width ones included), where single spaces or dashes between digits are ignored, that
     * passes the Luhn check. Every window of 13 to 19 digits of a longer run counts, so a number is
     * found even with other digits stuck to it.
     */
    public static boolean containsCardNumber(CharSequence text) {
        StringBuilder run = null;
        boolean afterSeparator = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                if (run == null) {
                    run = new StringBuilder(32);
                }
                run.append((char) ('0' + digit));
                afterSeparator = false;
            } else if (run != null && run.length() > 0 && !afterSeparator && isSeparator(c)) {
                afterSeparator = true;
            } else {
                if (run != null && hasCardNumber(run)) {
                    return true;
                }
                if (run != null) {
                    run.setLength(0);
                }
                afterSeparator = false;
            }
        }
        return run != null && hasCardNumber(run);
    }

    private static boolean hasCardNumber(CharSequence digits) {
        int n = digits.length();
        for (int length = MIN_CARD_DIGITS; length <= Math.min(MAX_CARD_DIGITS, n); length++) {
            for (int from = 0; from + length <= n; from++) {
                if (Luhn.isValid(digits, from, from + length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> cardNumberProblem(String value) {
        return containsCardNumber(value) ? Optional.of(CARD_NUMBER) : Optional.empty();
    }

    private static Optional<String> characterProblem(String value, boolean lines) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                if (!(lines && (c == '\n' || c == '\r' || c == '\t'))) {
                    return Optional.of(CONTROL);
                }
            } else if (c == '\u2028' || c == '\u2029') {
                // Line and paragraph separators: invisible line breaks, not wanted in any field.
                return Optional.of(CONTROL);
            } else if (isBidiControl(c)) {
                return Optional.of(BIDI);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return Optional.of(NOT_TEXT);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of(NOT_TEXT);
            }
        }
        return Optional.empty();
    }

    private static boolean isBidiControl(char c) {
        return c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    /** What people put between the groups of a card number: a space (also no-break or ideographic) or a dash. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u00a0' || c == '\u3000' || c >= '\u2010' && c <= '\u2015'
                || c == '\u2212' || c == '\uff0d' || c == '\u30fc';
    }
}
