package dev.anshin.scoring.features;

import java.util.List;
import java.util.Locale;

/**
 * The features of {@link FeatureEngine}, in schema order. Append new features at the end only:
 * models are trained on this order. "NaN" means missing (XGBoost's missing value).
 */
enum Feature {
    /** Amount in major units of its currency. */
    AMOUNT,
    /** ln(1 + amount). */
    LOG_AMOUNT,
    /** 1 on Saturday and Sunday (UTC), else 0. */
    IS_WEEKEND,
    /** 1 when the UTC hour is 6 or earlier, else 0. */
    IS_NIGHT,
    /** Card transactions in the last hour, the current one included. */
    CARD_TX_COUNT_1H,
    /** Mean amount of those. */
    CARD_MEAN_AMOUNT_1H,
    CARD_TX_COUNT_1D,
    CARD_MEAN_AMOUNT_1D,
    CARD_TX_COUNT_7D,
    CARD_MEAN_AMOUNT_7D,
    CARD_TX_COUNT_30D,
    CARD_MEAN_AMOUNT_30D,
    /** Amount / mean amount of the card's previous 30 days (current excluded); NaN without history. */
    CARD_AMOUNT_RATIO_30D,
    /** (amount − mean) / std over the card's previous 30 days; NaN with fewer than 2 or constant amounts. */
    CARD_AMOUNT_ZSCORE_30D,
    /** Seconds since the card's previous transaction; NaN for its first. */
    CARD_SECONDS_SINCE_PREVIOUS,
    /** 1 when the card was present. */
    CARD_PRESENT,
    /** ISO 8583 DE22 code as a number (5 = chip, 81 = e-commerce); NaN when absent. */
    POS_ENTRY_CODE,
    /** 1 for e-commerce or card-on-file entry. */
    IS_ECOMMERCE,
    /** 1 when the card never used this terminal before (within retention); NaN without a terminal id. */
    CARD_FIRST_TERMINAL_USE,
    /** 1 when the card never used this device before; NaN without device data. */
    CARD_FIRST_DEVICE_USE,
    /** Terminal transactions in the last day, current included (hourly resolution); NaN without id. */
    TERMINAL_TX_COUNT_1D,
    TERMINAL_TX_COUNT_7D,
    TERMINAL_TX_COUNT_30D,
    MERCHANT_TX_COUNT_1D,
    MERCHANT_TX_COUNT_7D,
    MERCHANT_TX_COUNT_30D,
    /** Distinct cards seen on this device in 30 days, current included (capped); NaN without device. */
    DEVICE_DISTINCT_CARDS_30D,
    /** Terminal transactions in the day ending labelDelay before this one (Handbook's delayed window). */
    TERMINAL_LABEL_TX_COUNT_1D,
    /** Known frauds / transactions in that window; 0 when it holds no transaction. */
    TERMINAL_FRAUD_RATIO_1D,
    TERMINAL_LABEL_TX_COUNT_7D,
    TERMINAL_FRAUD_RATIO_7D,
    TERMINAL_LABEL_TX_COUNT_30D,
    TERMINAL_FRAUD_RATIO_30D,
    MERCHANT_LABEL_TX_COUNT_1D,
    MERCHANT_FRAUD_RATIO_1D,
    MERCHANT_LABEL_TX_COUNT_7D,
    MERCHANT_FRAUD_RATIO_7D,
    MERCHANT_LABEL_TX_COUNT_30D,
    MERCHANT_FRAUD_RATIO_30D,
    /** Days since the earliest known fraud at this terminal among the last 60 days; NaN if none. */
    TERMINAL_DAYS_SINCE_EARLIEST_FRAUD_60D,
    /** Days since the latest known fraud at this terminal among the last 60 days; NaN if none. */
    TERMINAL_DAYS_SINCE_LATEST_FRAUD_60D,
    /**
     * Known frauds / terminal transactions from that earliest fraud to labelDelay ago; NaN if none.
     * A compromised terminal (all its transactions fraud) scores near 1.
     */
    TERMINAL_FRAUD_RATIO_SINCE_EARLIEST,
    MERCHANT_DAYS_SINCE_EARLIEST_FRAUD_60D,
    MERCHANT_DAYS_SINCE_LATEST_FRAUD_60D,
    MERCHANT_FRAUD_RATIO_SINCE_EARLIEST,
    /** Known frauds on this card with a transaction in the last 60 days. */
    CARD_KNOWN_FRAUDS,
    /** Known frauds at this terminal from its earliest recent known fraud on; NaN if none. */
    TERMINAL_KNOWN_FRAUDS_SINCE_EARLIEST,
    /** Terminal transactions from that earliest fraud to labelDelay ago; NaN if none. */
    TERMINAL_TX_COUNT_SINCE_EARLIEST,
    /**
     * UTC calendar days between the earliest recent known fraud and this transaction; NaN if none.
     * Compromises tend to start and end on day boundaries (the Handbook's do).
     */
    TERMINAL_CALENDAR_DAYS_SINCE_EARLIEST_FRAUD,
    MERCHANT_KNOWN_FRAUDS_SINCE_EARLIEST,
    MERCHANT_TX_COUNT_SINCE_EARLIEST,
    MERCHANT_CALENDAR_DAYS_SINCE_EARLIEST_FRAUD,
    /** Amount / median amount of the card's previous 30 days: robust to earlier inflated frauds; NaN without history. */
    CARD_AMOUNT_RATIO_TO_MEDIAN_30D,
    /**
     * The card's previous transactions of the last 7 days above 3 × its 30-day median: a card
     * whose spending pattern broke recently (before any label can say so).
     */
    CARD_HIGH_AMOUNT_COUNT_7D,
    /** Days from the terminal's last transaction before its earliest recent known fraud to now; NaN if none. */
    TERMINAL_DAYS_SINCE_LAST_TX_BEFORE_EARLIEST_FRAUD,
    /*
     * Device reputation (issue 15 F3). No device id: every DEVICE_ feature of the id is NaN, its own
     * state, never 0. A device never seen before is "unknown", not "clean": its fraud features are NaN.
     */
    /** Transactions from this device in the last hour, current included (minute resolution); NaN without id. */
    DEVICE_TX_COUNT_1H,
    /** Transactions from this device in the last day, current included; NaN without id. */
    DEVICE_TX_COUNT_1D,
    /** Days since the device was first seen (within retention), 0 for a new device; NaN without id. */
    DEVICE_DAYS_SINCE_FIRST_SEEN,
    /**
     * Known frauds from this device with a transaction in the last 60 days (labels count from their
     * knownAt, as at terminals); NaN for a device with no earlier transaction and no known fraud.
     */
    DEVICE_KNOWN_FRAUDS_60D,
    /** Days since the earliest known fraud from this device among the last 60 days; NaN if none. */
    DEVICE_DAYS_SINCE_EARLIEST_FRAUD_60D,
    /**
     * Known frauds / device transactions in the 30 days ending labelDelay ago (the terminals' delayed
     * window); NaN when that window holds no transaction of the device (nothing known either way).
     */
    DEVICE_FRAUD_RATIO_30D,
    /** 1 when the browser's clock is not on Japan's time (browserTZ ≠ −540), 0 when it is; NaN when not sent. */
    DEVICE_TIMEZONE_NOT_JAPAN,
    /** 1 when the browser does not ask for Japanese, 0 when it does; NaN when not sent. */
    DEVICE_LANGUAGE_NOT_JAPANESE,
    /** Anshin's device module: 1 when the device showed automation within 30 days; NaN unless recognised. */
    DEVICE_AUTOMATION,
    /** Anshin's device module: applications from the device within 30 days; NaN unless recognised. */
    DEVICE_APPLICATIONS_30D,
    /** Anshin's device module: customers linked to the device; NaN unless recognised. */
    DEVICE_CUSTOMERS,
    /** Anshin's device module: confirmed frauds on cards of customers linked to the device; NaN unless recognised. */
    DEVICE_FRAUDS_ON_LINKED_CARDS;

    /** The device-reputation features added with issue 15 F3 (the backtest compares with and without them). */
    static final List<Feature> DEVICE_REPUTATION = List.of(DEVICE_TX_COUNT_1H, DEVICE_TX_COUNT_1D,
            DEVICE_DAYS_SINCE_FIRST_SEEN, DEVICE_KNOWN_FRAUDS_60D, DEVICE_DAYS_SINCE_EARLIEST_FRAUD_60D,
            DEVICE_FRAUD_RATIO_30D, DEVICE_TIMEZONE_NOT_JAPAN, DEVICE_LANGUAGE_NOT_JAPANESE, DEVICE_AUTOMATION,
            DEVICE_APPLICATIONS_30D, DEVICE_CUSTOMERS, DEVICE_FRAUDS_ON_LINKED_CARDS);

    String featureName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
