package dev.anshin.fraud;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param decisionLog        the append-only log that acknowledges decisions before the database indexes them
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
        @DefaultValue("10m") Duration evictionInterval,
        @DefaultValue DecisionLogSettings decisionLog) {

    /**
     * The decision log (ADR 0005).
     *
     * @param enabled        acknowledge a decision once it is in the log, and index it into the database in
     *                       the background; off: acknowledge once its group is committed in the database
     * @param directory      where the log's segments live; must survive a restart of this instance
     * @param fsync          also force every group to the disk (survives a power loss; costs a disk flush)
     * @param segmentSize    a segment rolls over at about this size and is deleted once indexed
     * @param maxPending     acknowledged decisions not yet in the database; beyond it new ones wait for the indexer
     * @param indexBatchSize most decisions inserted into the database in one transaction
     * @param indexDelay     how long the indexer gathers decisions for one transaction (at most
     *                       {@code indexBatchSize} go into one; the rest into the next): every commit
     *                       costs the database a page write-out, so fewer, larger transactions cost
     *                       less per decision
     */
    public record DecisionLogSettings(
            @DefaultValue("true") boolean enabled,
            Path directory,
            @DefaultValue("false") boolean fsync,
            @DefaultValue("64MB") DataSize segmentSize,
            @DefaultValue("10000") int maxPending,
            @DefaultValue("5000") int indexBatchSize,
            @DefaultValue("200ms") Duration indexDelay) {
    }
}
