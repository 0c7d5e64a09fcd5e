package dev.anshin.fraud;

import dev.anshin.scoring.AmountCeiling;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The largest amount per currency that the scoring API accepts and the feature state takes in
 * ({@link AmountCeiling}).
 *
 * @param maxAmount ceilings in major units by ISO 4217 code ({@code anshin.fraud.max-amount.JPY=100000000});
 *                  merged over {@link #DEFAULTS}, so setting one currency keeps the others. A currency
 *                  with none is bounded by what a card network carries (ISO 8583 DE4: 12 digits of
 *                  minor units).
 */
@ConfigurationProperties("anshin.fraud")
record AmountLimits(Map<String, BigDecimal> maxAmount) {

    /**
     * About US$1 million in each currency a Japanese issuer's cards are mostly used in (¥100 million for
     * the yen): above the largest single purchase the highest card limits allow, below anything that
     * could distort a card's history. Only the order of magnitude matters, so exchange-rate drift does not.
     */
    static final Map<String, BigDecimal> DEFAULTS = Map.ofEntries(major("JPY", "100000000"),
            major("USD", "1000000"), major("EUR", "1000000"), major("GBP", "1000000"), major("CHF", "1000000"),
            major("AUD", "1500000"), major("CAD", "1500000"), major("SGD", "1500000"), major("HKD", "8000000"),
            major("CNY", "7000000"), major("TWD", "30000000"), major("KRW", "1500000000"), major("THB", "35000000"));

    AmountLimits {
        maxAmount = maxAmount == null ? Map.of() : Map.copyOf(maxAmount);
    }

    /** The defaults with this configuration's ceilings over them. */
    AmountCeiling ceiling() {
        Map<String, BigDecimal> merged = new LinkedHashMap<>(DEFAULTS);
        // Environment variables arrive lower-cased (ANSHIN_FRAUD_MAXAMOUNT_JPY → "jpy").
        maxAmount.forEach((code, major) -> merged.put(code.toUpperCase(Locale.ROOT), major));
        return AmountCeiling.ofMajorUnits(merged);
    }

    private static Map.Entry<String, BigDecimal> major(String currency, String amount) {
        return Map.entry(currency, new BigDecimal(amount));
    }
}
