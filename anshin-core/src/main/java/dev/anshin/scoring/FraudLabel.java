package dev.anshin.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * A confirmed outcome for one transaction: fraud or genuine. Label-based features use a label only
 * from {@code knownAt} on, so backtests stay point-in-time correct.
 *
 * @param authorizationId the labelled transaction
 * @param cardToken       its card
 * @param terminalId      its terminal
 * @param merchantId      its merchant
 * @param transactionTime when the labelled transaction happened
 * @param fraud           true for confirmed fraud, false for confirmed genuine
 * @param knownAt         when the label became known to Anshin
 * @param deviceId        the device the labelled transaction came from, or {@code null}: confirmed frauds
 *                        reach devices the way they reach terminals
 */
public record FraudLabel(
        String authorizationId,
        String cardToken,
        String terminalId,
        String merchantId,
        Instant transactionTime,
        boolean fraud,
        Instant knownAt,
        String deviceId) {

    public FraudLabel {
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(transactionTime, "transactionTime");
        Objects.requireNonNull(knownAt, "knownAt");
    }

    /** A label of a transaction without a device. */
    public FraudLabel(String authorizationId, String cardToken, String terminalId, String merchantId,
            Instant transactionTime, boolean fraud, Instant knownAt) {
        this(authorizationId, cardToken, terminalId, merchantId, transactionTime, fraud, knownAt, null);
    }
}
