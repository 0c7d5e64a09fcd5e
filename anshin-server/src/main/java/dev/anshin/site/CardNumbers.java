package dev.anshin.site;

import java.text.Normalizer;

/**
 * Recognizes text that may carry a full card number, however it is written: spaces, hyphens, dots,
 * slashes or any other separators between the digits, full-width digits (４１１１…) and other
 * decimal digits all count. Such text is refused by the filters that take a card or a name and is
 * never echoed back, put into a link, a log or a query.
 */
public final class CardNumbers {

    /** The fewest digits of a card number (a PAN has 12 to 19). */
    public static final int PAN_MIN_DIGITS = 12;

    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])");

    private CardNumbers() {
    }

    /** Whether the text holds 12 or more digits once everything but the digits is removed. */
    public static boolean mayHoldCardNumber(String text) {
        if (text == null) {
            return false;
        }
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        int digits = 0;
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            if (Character.isDigit(codePoint)) {
                digits++;
            }
            i += Character.charCount(codePoint);
        }
        return digits >= PAN_MIN_DIGITS;
    }

    /**
     * For free text (a merchant, a search): whether it holds a run of 12 or more digits once the
     * characters that are neither letters nor digits are removed (spaces, hyphens, dots, slashes…;
     * full-width digits count). Letters break a run, so an id with digits in it (a UUID, a merchant
     * id) is not taken for a card number; a card number written with any separators is. A UUID (a
     * case's or a test's id) is an id, whatever digits it happens to hold, and is left out.
     */
    public static boolean holdsDigitRun(String text) {
        if (text == null) {
            return false;
        }
        String normalized = UUID.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ");
        int run = 0;
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            if (Character.isDigit(codePoint)) {
                if (++run >= PAN_MIN_DIGITS) {
                    return true;
                }
            } else if (Character.isLetter(codePoint)) {
                run = 0;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }
}
