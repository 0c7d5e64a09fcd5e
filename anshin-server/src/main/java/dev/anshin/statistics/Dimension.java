package dev.anshin.statistics;

import java.util.Optional;

/** What a report's cells are split by. */
public enum Dimension {
    /** The calendar month in Japan (Asia/Tokyo) of the purchase: {@code 2026-01}. */
    MONTH,
    /** The week (Monday to Sunday, Japan time) of the purchase, named by its Monday: {@code 2026-01-05}. */
    WEEK,
    /** The merchant's category: MCCs grouped ({@link MerchantCategories}), never a single rare MCC. */
    MERCHANT_CATEGORY,
    /** The merchant's prefecture (JIS X 0401 code, 01–47) from the merchant directory, or UNKNOWN. */
    MERCHANT_PREFECTURE,
    /** The merchant's region (eight regions of Japan) from the merchant directory, or UNKNOWN. */
    MERCHANT_REGION,
    /** The country the card was issued in, from the BIN-range table, or UNKNOWN. */
    CARDHOLDER_COUNTRY,
    /** The cardholder's age band, from the privacy module (never the date of birth). */
    AGE_BAND;

    public boolean time() {
        return this == MONTH || this == WEEK;
    }

    public static Optional<Dimension> named(String name) {
        for (Dimension dimension : values()) {
            if (dimension.name().equals(name)) {
                return Optional.of(dimension);
            }
        }
        return Optional.empty();
    }
}
