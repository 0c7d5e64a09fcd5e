package dev.anshin.fraud;

import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.problems.IntervalLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: a decision is answered only once it is durable, yet requests do not pay one write
 * each. One writer thread drains whatever queued up while the previous group was being written (up
 * to {@code journalBatchSize}), makes the group durable, then releases the waiting requests. Under
 * load groups grow by themselves; when idle a group is one decision and no wait.
 *
 * <p>Durable means, with the decision log on (the default, ADR 0005): appended to the log with one
 * write by the {@link DecisionIndexer}, which then inserts the logged decisions into the database in
 * large transactions and answers for them from memory until it has. With the log off: inserted and
 * committed in the database.
 *
 * <p>With the log on and without fsync there is nothing expensive to share: a write to the log is a
 * few microseconds, less than handing the decision to the writer thread and waking the request
 * again. Then each request appends its own decision, in its own thread, and the writer thread is
 * not started.
 */
@Component
class DecisionJournal implements SmartLifecycle, InitializingBean, DecisionLogBackup {

    private static final Logger log = LoggerFactory.getLogger(DecisionJournal.class);
    private static final IntervalLog appendFailures = new IntervalLog(log, Duration.ofSeconds(10),
            "Could not append to the decision log ({} failures since the last line; refused, never acknowledged): {}");

    /** As long as it takes (nanosecond deadlines wrap safely). */
    private static final Duration NO_LIMIT = Duration.ofNanos(Long.MAX_VALUE);

    private record Entry(StoredDecision decision, CompletableFuture<StoredDecision> committed) {
    }

    private final Decisions decisions;
    private final TransactionTemplate transactions;
    private final DecisionStatistics statistics;
    private final IndexedListeners listeners;
    private final int batchSize;
    private final BlockingQueue<Entry> queue;
    /** Longest a request's own append waits for room in the log (its answer would time out anyway). */
    private final Duration roomTimeout;
    /** Null when the decision log is off. */
    private final DecisionIndexer indexer;
    /** Each request appends its own decision to the log (log on, no fsync). */
    private final boolean direct;
    private volatile boolean running;
    private Thread writer;
    /** When an append to the log last failed ({@link System#nanoTime()}), 0 after a success. */
    private volatile long appendFailedAt;
    private volatile String appendFailure;
    /** After a failed append, authorizations are refused up front for this long, then tried again. */
    private static final long RETRY_FAILED_LOG_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Autowired
    DecisionJournal(Decisions decisions, TransactionTemplate transactions, DecisionStatistics statistics,
            FraudProperties properties, List<DecisionsIndexedListener> listeners, ErasedCards erasedCards) {
        this(decisions, transactions, statistics, properties, listeners, OwnerOnlyFiles::open, erasedCards);
    }

    /** Without erased cards (unit tests). */
    DecisionJournal(Decisions decisions, TransactionTemplate transactions, DecisionStatistics statistics,
            FraudProperties properties, List<DecisionsIndexedListener> listeners) {
        this(decisions, transactions, statistics, properties, listeners, OwnerOnlyFiles::open, ErasedCards.NONE);
    }

    /** With the decision log's segments opened by {@code files} (a disk that fills up, in tests). */
    DecisionJournal(Decisions decisions, TransactionTemplate transactions, DecisionStatistics statistics,
            FraudProperties properties, List<DecisionsIndexedListener> listeners, DecisionLog.SegmentFiles files) {
        this(decisions, transactions, statistics, properties, listeners, files, ErasedCards.NONE);
    }

    DecisionJournal(Decisions decisions, TransactionTemplate transactions, DecisionStatistics statistics,
            FraudProperties properties, List<DecisionsIndexedListener> listeners, DecisionLog.SegmentFiles files,
            ErasedCards erasedCards) {
        this.decisions = decisions;
        this.transactions = transactions;
        this.statistics = statistics;
        this.listeners = new IndexedListeners(listeners, IndexedListeners.savepoints(transactions));
        this.batchSize = Math.max(1, properties.journalBatchSize());
        this.queue = new ArrayBlockingQueue<>(Math.max(batchSize, properties.journalQueueSize()));
        this.indexer = properties.decisionLog().enabled()
                ? new DecisionIndexer(decisions, transactions, properties.decisionLog(), batchSize, this.listeners,
                        files, erasedCards)
                : null;
        this.direct = indexer != null && !properties.decisionLog().fsync();
        // A request waits for room in the log no longer than its admission deadline: past that its
        // client has given up, and the thread is better used for a request that can still be answered.
        this.roomTimeout = properties.admission().enabled() && properties.admission().deadline().compareTo(
                properties.decisionTimeout()) < 0 ? properties.admission().deadline() : properties.decisionTimeout();
    }

    /** Whether a decision made now could be recorded, and if not, why (said to the refused client). */
    enum Intake {
        OPEN(null),
        STOPPED("The server is stopping; retry with the same authorizationId."),
        LOG_FAILING("Decisions cannot be written to the decision log (disk full or failing); nothing was scored. "
                + "Retry with the same authorizationId."),
        BACKLOG_FULL("The database is too far behind the decision log; nothing was scored. "
                + "Retry with the same authorizationId.");

        private final String reason;

        Intake(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /**
     * Checked before an authorization is scored: one that could not be recorded is refused before
     * it changes the feature state. After a failed append the log is tried again after a second.
     */
    Intake intake() {
        if (!running) {
            return Intake.STOPPED;
        }
        long failedAt = appendFailedAt;
        if (failedAt != 0 && System.nanoTime() - failedAt < RETRY_FAILED_LOG_NANOS) {
            return Intake.LOG_FAILING;
        }
        if (indexer != null && !indexer.hasRoom()) {
            return Intake.BACKLOG_FULL;
        }
        return Intake.OPEN;
    }

    /** Decisions answered from the log and not yet in the database (0 with the log off). */
    int pending() {
        return indexer == null ? 0 : indexer.pendingCount();
    }

    /** The last append failure, if no append succeeded since (for the health check). */
    Optional<String> appendFailure() {
        return appendFailedAt == 0 ? Optional.empty() : Optional.ofNullable(appendFailure);
    }

    /** Null when the decision log is off. */
    DecisionIndexer indexer() {
        return indexer;
    }

    /** Puts what the decision log holds from a previous run into the database, before anything reads it. */
    @Override
    public void afterPropertiesSet() {
        if (indexer != null) {
            indexer.recover();
        }
    }

    @Override
    public <T> T backUp(Callable<T> databaseSnapshot, Segments segments) throws Exception {
        if (indexer == null) {
            return databaseSnapshot.call(); // every answered decision is committed in the database
        }
        return indexer.backUp(databaseSnapshot, segments);
    }

    /** The decision stored for this authorization id, whether still pending in the log or in the database. */
    Optional<StoredDecision> find(String authorizationId) {
        return indexer != null ? indexer.find(authorizationId) : decisions.find(authorizationId);
    }

    /**
     * Waits until the decision of this id (if it is pending) is in the database, for writes that
     * refer to its row. False if that did not happen within {@code timeout}.
     */
    boolean awaitIndexed(String authorizationId, Duration timeout) throws InterruptedException {
        return indexer == null || indexer.awaitIndexed(authorizationId, timeout);
    }

    /**
     * Records a decision; the future completes once it is durable (or fails if it could not be). With
     * the log on and no fsync the decision is appended in the caller's thread, and the future is
     * complete on return. Otherwise it is queued for the writer, and refused at once when the queue
     * is full, so an overloaded server sheds load instead of timing out.
     */
    CompletableFuture<StoredDecision> append(StoredDecision decision) {
        CompletableFuture<StoredDecision> committed = new CompletableFuture<>();
        append(decision, committed);
        return committed;
    }

    /** Same, completing the caller's own future (saves a hop when the caller already waits on one). */
    void append(StoredDecision decision, CompletableFuture<StoredDecision> committed) {
        if (direct) {
            logOwn(new Entry(decision, committed));
        } else if (!running || !queue.offer(new Entry(decision, committed))) {
            committed.completeExceptionally(new JournalUnavailable());
        }
    }

    /** Appends one decision to the log from the request's own thread, and answers it. */
    private void logOwn(Entry entry) {
        if (!running) {
            complete(entry, new JournalUnavailable());
            return;
        }
        try {
            logAndAcknowledge(List.of(entry), roomTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete(entry, new JournalUnavailable());
        }
    }

    static final class JournalUnavailable extends RuntimeException {
        JournalUnavailable() {
            super("decision journal is full or stopped", null, false, false);
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                if (indexer != null) {
                    // The writer waits for room as long as it takes; its requests time out meanwhile.
                    logAndAcknowledge(batch, NO_LIMIT);
                } else {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Interrupted while waiting for room in the log: this group was not written.
                batch.forEach(entry -> entry.committed().completeExceptionally(new JournalUnavailable()));
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void logAndAcknowledge(List<Entry> batch, Duration timeout) throws InterruptedException {
        if (!indexer.awaitRoom(batch.size(), timeout)) {
            batch.forEach(entry -> complete(entry, new JournalUnavailable()));
            return;
        }
        List<StoredDecision> group = new ArrayList<>(batch.size());
        batch.forEach(entry -> group.add(entry.decision()));
        boolean logged;
        try {
            logged = indexer.log(group);
            if (appendFailedAt != 0) {
                appendFailedAt = 0;
                log.info("The decision log takes decisions again");
            }
        } catch (IOException e) {
            // Refused (503), never acknowledged: the partial write was cut off, the log stays whole.
            appendFailure = e.toString();
            appendFailedAt = Math.max(1, System.nanoTime());
            appendFailures.record(e.toString());
            logged = false;
        }
        RuntimeException refused = logged ? null : new JournalUnavailable();
        batch.forEach(entry -> complete(entry, refused));
    }

    private void write(List<Entry> batch) {
        long started = System.nanoTime();
        try {
            insert(batch);
            if (log.isDebugEnabled()) {
                log.debug("Committed {} decisions in {} µs", batch.size(), (System.nanoTime() - started) / 1_000);
            }
            batch.forEach(entry -> complete(entry, null));
        } catch (RuntimeException batchFailure) {
            // One bad row must not fail its neighbours: retry the batch row by row.
            log.warn("Group commit of {} decisions failed ({}); retrying one by one", batch.size(),
                    batchFailure.getClass().getSimpleName());
            for (Entry entry : batch) {
                try {
                    insert(List.of(entry));
                    complete(entry, null);
                } catch (DuplicateKeyException alreadyStored) {
                    // A re-sent decision whose first commit was only slow: the row is there, so it is recorded.
                    String id = entry.decision().authorization().authorizationId();
                    boolean same = decisions.find(id)
                            .filter(stored -> stored.fingerprint().equals(entry.decision().fingerprint())).isPresent();
                    if (same) {
                        entry.committed().complete(entry.decision());
                    } else {
                        complete(entry, alreadyStored);
                    }
                } catch (RuntimeException rowFailure) {
                    complete(entry, rowFailure);
                }
            }
        }
    }

    /** Inserts and commits, with the listeners' writes in the same transaction; then tells them. */
    private void insert(List<Entry> batch) {
        List<StoredDecision> rows = new ArrayList<>(batch.size());
        batch.forEach(entry -> rows.add(entry.decision()));
        transactions.executeWithoutResult(status -> {
            decisions.insertAll(rows);
            listeners.inserting(rows);
        });
        listeners.committed(rows);
    }

    private void complete(Entry entry, RuntimeException failure) {
        if (failure == null) {
            statistics.record(entry.decision());
            entry.committed().complete(entry.decision());
        } else {
            entry.committed().completeExceptionally(failure);
        }
    }

    @Override
    public void start() {
        if (indexer != null) {
            if (!indexer.isOpen()) {
                // Started again after a stop (a paused context): what the stop could not index goes in now.
                indexer.recover();
            }
            indexer.start();
        }
        running = true;
        if (!direct) {
            writer = new Thread(this::drain, "decision-journal");
            writer.start();
        }
    }

    @Override
    public void stop() {
        boolean started = running;
        running = false;
        if (!started) {
            return;
        }
        if (indexer != null) {
            indexer.requestStop();
        }
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        // Whatever could not be written is refused, never silently answered.
        List<Entry> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(entry -> entry.committed().completeExceptionally(new JournalUnavailable()));
        if (indexer != null) {
            indexer.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Starts before and stops after the web server (DEFAULT_PHASE - 2048), so in-flight requests drain first.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
