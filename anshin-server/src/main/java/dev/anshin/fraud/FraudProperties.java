package dev.anshin.fraud;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fraud scoring settings.
 *
 * @param reviewThreshold    model scores at or above this are reviewed
 * @param declineThreshold   model scores at or above this are declined
 * @param labelDelay         how long labels take to arrive; label-based features skip this recent window
 * @param replayWindow       history replayed into the feature state at startup
 * @param journalBatchSize   most decisions committed in one group-commit transaction
 * @param journalQueueSize   decisions waiting for the journal before new requests are refused (503)
 * @param decisionTimeout    longest a request waits for its decision to be committed
 * @param decisionCacheSize  decisions scored but not recorded (commit failed or timed out), kept for the retry
 * @param trainingRounds     boosting rounds for {@code ModelTraining}; 0 keeps the trainer's tuned default
 * @param idleEviction       feature state of a card, terminal, merchant or device idle this long is dropped
 * @param evictionInterval   how often idle feature state is looked for
 */
@ConfigurationProperties("anshin.fraud")
public record FraudProperties(
        @DefaultValue("0.5") double reviewThreshold,
        @DefaultValue("0.9") double declineThreshold,
        @DefaultValue("7d") Duration labelDelay,
        @DefaultValue("35d") Duration replayWindow,
        @DefaultValue("500") int journalBatchSize,
        @DefaultValue("20000") int journalQueueSize,
        @DefaultValue("5s") Duration decisionTimeout,
        @DefaultValue("10000") int decisionCacheSize,
        @DefaultValue("0") int trainingRounds,
        @DefaultValue("60d") Duration idleEviction,
        @DefaultValue("10m") Duration evictionInterval) {
}
