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
}
