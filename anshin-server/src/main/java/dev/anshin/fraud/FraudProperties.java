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
 * @param admission          the admission stage in front of scoring: how many at once, how long to wait, what to
 *                           answer when over capacity
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
        @DefaultValue DecisionLogSettings decisionLog,
        @DefaultValue AdmissionSettings admission) {

    /** What an authorization gets when it finds no scoring slot in time. */
    public enum Overload {
        /** 503 {@code overloaded} with {@code Retry-After}: nothing scored, nothing stored. */
        REFUSE,
        /**
         * A decision by the rules of the active rule set alone, the model skipped (APPROVE only
         * where an ALLOW rule allows), marked {@code "mode": "RULES_ONLY"} and recorded like any
         * decision; refused as above once {@code rulesOnlyConcurrent} of them are being made.
         */
        RULES_ONLY
    }

    /**
     * When an authorization refused by the admission stage (429 overloaded; 503 unavailable while the
     * decision log cannot record, except when the server is stopping) gets its answer.
     */
    public enum RefusalTiming {
        /**
         * When its deadline has passed, no request thread held meanwhile ({@code HeldRefusals}): a
         * client that retries at once then costs one request per deadline, not thousands a second.
         */
        AT_DEADLINE,
        /** At once. */
        AT_ONCE
    }

    /**
     * The admission stage in front of scoring (docs/operations.md).
     *
     * @param enabled             off: every authorization is scored however many are waiting (as before issue 13)
     * @param maxConcurrent       authorizations scored at once; more only contend for the same processors
     * @param maxWaiting          authorizations waiting for a scoring slot; the next one is refused
     * @param deadline            the longest an authorization may take from reaching the scoring endpoint to its
     *                            answer: it waits for a slot only while the recent time to score still fits
     *                            before it, and waits for room in the decision log at most this long
     * @param whenOverloaded      REFUSE, or RULES_ONLY if the issuer prefers a rules-only decision to a refusal
     * @param rulesOnlyConcurrent rules-only decisions made at once (RULES_ONLY); the next one is refused
     * @param retryAfter          sent as {@code Retry-After} with a refusal
     * @param answerRefusals      AT_DEADLINE: a refusal by the admission stage (429 overloaded, 503 for a decision log
     *                            that cannot record) is answered when the authorization's deadline has
     *                            passed (no thread held meanwhile), so clients retrying at once cannot turn refusals
     *                            into the server's main work; AT_ONCE: at once
     * @param logInterval         while anything is refused, one summary line per interval (never one per request)
     * @param indexerBehindAt     decisions waiting for the database at which its indexer counts as behind: from
     *                            there on at most {@code maxConcurrentWhileBehind} authorizations are scored at once,
     *                            so that the indexer gets the processors to catch up before the decision log fills
     *                            (a full log refuses every authorization with 503). 0 (the default): 1,000 when the
     *                            database runs inside this process (embedded H2, whose indexer competes with the
     *                            request threads for the processors), never with a database server
     * @param maxConcurrentWhileBehind authorizations scored at once while the indexer is behind
     */
    public record AdmissionSettings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8") int maxConcurrent,
            @DefaultValue("64") int maxWaiting,
            @DefaultValue("250ms") Duration deadline,
            @DefaultValue("REFUSE") Overload whenOverloaded,
            @DefaultValue("2") int rulesOnlyConcurrent,
            @DefaultValue("1s") Duration retryAfter,
            @DefaultValue("10s") Duration logInterval,
            @DefaultValue("AT_DEADLINE") RefusalTiming answerRefusals,
            @DefaultValue("0") int indexerBehindAt,
            @DefaultValue("1") int maxConcurrentWhileBehind) {
    }

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
     * @param minFreeSpace   below this much free space on the log's file system the health check says DOWN
     *                       (a segment needs room to roll over); appends are still tried, and refused if they fail
     */
    public record DecisionLogSettings(
            @DefaultValue("true") boolean enabled,
            Path directory,
            @DefaultValue("false") boolean fsync,
            @DefaultValue("64MB") DataSize segmentSize,
            @DefaultValue("10000") int maxPending,
            @DefaultValue("5000") int indexBatchSize,
            @DefaultValue("200ms") Duration indexDelay,
            @DefaultValue("64MB") DataSize minFreeSpace) {
    }
}
