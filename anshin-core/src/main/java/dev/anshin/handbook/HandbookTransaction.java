package dev.anshin.handbook;

import java.time.LocalDateTime;

/**
 * One row of the Handbook's CSV layout: TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID,
 * TX_AMOUNT, TX_TIME_SECONDS, TX_TIME_DAYS, TX_FRAUD, TX_FRAUD_SCENARIO, and Anshin's optional
 * DEVICE_ID. Amounts are kept in cents.
 *
 * @param deviceId the device of a card-not-present transaction ({@link DeviceLayer}), or {@code null}
 *                 for a card-present one (every row of the book's simulator)
 */
public record HandbookTransaction(long transactionId, LocalDateTime dateTime, String customerId,
        String terminalId, long amountCents, long timeSeconds, int timeDays, boolean fraud, int fraudScenario,
        String deviceId) {

    /** A card-present row, as every row of the book. */
    public HandbookTransaction(long transactionId, LocalDateTime dateTime, String customerId, String terminalId,
            long amountCents, long timeSeconds, int timeDays, boolean fraud, int fraudScenario) {
        this(transactionId, dateTime, customerId, terminalId, amountCents, timeSeconds, timeDays, fraud, fraudScenario,
                null);
    }
}
