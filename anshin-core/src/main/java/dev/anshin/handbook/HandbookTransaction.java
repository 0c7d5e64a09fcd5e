package dev.anshin.handbook;

import java.time.LocalDateTime;

/**
 * One row of the Handbook's CSV layout: TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID,
 * TX_AMOUNT, TX_TIME_SECONDS, TX_TIME_DAYS, TX_FRAUD, TX_FRAUD_SCENARIO. Amounts are kept in cents.
 */
public record HandbookTransaction(long transactionId, LocalDateTime dateTime, String customerId,
        String terminalId, long amountCents, long timeSeconds, int timeDays, boolean fraud, int fraudScenario) {
}
