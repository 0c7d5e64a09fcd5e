package dev.anshin.disputes;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** Money as cardholders and staff read it, in the currency's own minor units (none for yen). */
public final class Amounts {

    private Amounts() {
    }

    /**
     * "98,000円" in Japanese or "¥98,000" in English for yen; "USD 12.50" for other currencies. A code
     * Java does not know gets two decimals, as most currencies have.
     */
    public static String format(long minor, String currency, Locale locale) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        String number = String.format(Locale.ROOT, "%,." + digits + "f", BigDecimal.valueOf(minor, digits));
        if ("JPY".equals(currency)) {
            return "ja".equals(locale.getLanguage()) ? number + "円" : "¥" + number;
        }
        return currency + " " + number;
    }
}
