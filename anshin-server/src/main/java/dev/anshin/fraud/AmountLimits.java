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
    static final Map<String, BigDecimal> DEFAULTS = defaults();

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

    private static Map<String, BigDecimal> defaults() {
        Map<String, BigDecimal> defaults = new LinkedHashMap<>();
        defaults.put("JPY", new BigDecimal("100000000"));
        defaults.put("USD", new BigDecimal("1000000"));
        defaults.put("EUR", new BigDecimal("1000000"));
        defaults.put("GBP", new BigDecimal("1000000"));
        defaults.put("CHF", new BigDecimal("1000000"));
        defaults.put("AUD", new BigDecimal("1500000"));
        defaults.put("CAD", new BigDecimal("1500000"));
        defaults.put("SGD", new BigDecimal("1500000"));
        defaults.put("HKD", new BigDecimal("8000000"));
        defaults.put("CNY", new BigDecimal("7000000"));
        defaults.put("TWD", new BigDecimal("30000000"));
        defaults.put("KRW", new BigDecimal("1500000000"));
        defaults.put("THB", new BigDecimal("35000000"));
        return Map.copyOf(defaults);
    }
}
