package dev.anshin.scoring;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/**
 * The largest amount, per currency, that Anshin takes for a real card purchase. The scoring API
 * refuses anything above it, and the feature engine keeps anything above it out of its history
 * (one absurd amount, stored before this bound existed or read from a file, would otherwise sit in
 * a card's averages for 30 days and move every later score).
 *
 * <p>Every currency is bounded at least by what a card network can carry: ISO 8583 field 4 (DE4,
 * amount, transaction) is 12 digits of minor units. Lower ceilings are given per currency in major
 * units and turned into minor units with the currency's ISO 4217 fraction digits.
 */
public final class AmountCeiling {

    /** ISO 8583 DE4 is numeric, 12 digits, in minor units: no card network carries more. */
    public static final long NETWORK_MAXIMUM_MINOR = 999_999_999_999L;

    private static final AmountCeiling NETWORK = new AmountCeiling(Map.of());

    /** Currency code → ceiling in minor units; currencies not listed have the network's maximum. */
    private final Map<String, Long> minorByCurrency;

    private AmountCeiling(Map<String, Long> minorByCurrency) {
        this.minorByCurrency = Map.copyOf(minorByCurrency);
    }

    /** Only the network's bound (DE4) for every currency. */
    public static AmountCeiling networkMaximum() {
        return NETWORK;
    }

    /**
     * Ceilings in major units per ISO 4217 currency code (e.g. {@code JPY → 100000000},
     * {@code USD → 1000000}); never above the network's maximum.
     *
     * @throws IllegalArgumentException for an unknown currency or a ceiling that is not positive
     */
    public static AmountCeiling ofMajorUnits(Map<String, BigDecimal> majorByCurrency) {
        Map<String, Long> minor = new HashMap<>();
        majorByCurrency.forEach((code, major) -> {
            Currency currency;
            try {
                currency = Currency.getInstance(code);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("not an ISO 4217 currency code: " + code);
            }
            if (major == null || major.signum() <= 0) {
                throw new IllegalArgumentException("the ceiling of " + code + " must be positive");
            }
            BigDecimal inMinor = major.movePointRight(Math.max(0, currency.getDefaultFractionDigits()));
            minor.put(currency.getCurrencyCode(),
                    inMinor.compareTo(BigDecimal.valueOf(NETWORK_MAXIMUM_MINOR)) >= 0 ? NETWORK_MAXIMUM_MINOR
                            : Math.max(1, inMinor.longValue()));
        });
        return new AmountCeiling(minor);
    }

    /** The ceiling of {@code currency} in its minor units. */
    public long maxMinor(String currency) {
        return minorByCurrency.getOrDefault(currency, NETWORK_MAXIMUM_MINOR);
    }

    /** Whether {@code minor} units of {@code currency} can be a real purchase (0 up to the ceiling). */
    public boolean allows(String currency, long minor) {
        return minor >= 0 && minor <= maxMinor(currency);
    }

    /** The ceilings set below the network's maximum, in minor units, by currency. */
    public Map<String, Long> ceilings() {
        return minorByCurrency;
    }
}
