package dev.anshin.fraud;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
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
 * <p>Durable means, with the {@link DecisionLog} on (the default, ADR 0005): appended to the log with
 * one write. An indexer thread then inserts the logged decisions into the database in large
 * transactions; until it has, {@link #find} answers them from memory, and the log replays them into
 * the database if the process dies first. With the log off: inserted and committed in the database.
 */
@Component
class DecisionJournal implements SmartLifecycle, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DecisionJournal.class);

    private record Entry(StoredDecision decision, CompletableFuture<StoredDecision> committed) {
    }

    /** A logged group waiting to be indexed, and the log segment that holds it. */
    private record Logged(List<StoredDecision> decisions, long segment) {
    }

    private final Decisions decisions;
    private final TransactionTemplate transactions;
    private final DecisionStatistics statistics;
    private final int batchSize;
    private final BlockingQueue<Entry> queue;
    /** Null when the log is off. */
    private final DecisionLog decisionLog;
    private final int maxPending;
    private final int indexBatchSize;
    /** Acknowledged through the log, not yet committed in the database. */
    private final ConcurrentHashMap<String, StoredDecision> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Logged> toIndex = new LinkedBlockingQueue<>();
    private final Object indexed = new Object();
    /**
     * With the log on, every id this journal has stored or found in the database at start: an id it
     * does not contain was never stored, so the idempotency check skips the database (most ids are new).
     */
    private volatile BloomFilter<CharSequence> knownIds;
    private volatile boolean running;
    private Thread writer;
    private Thread indexer;

    DecisionJournal(Decisions decisions, TransactionTemplate transactions, DecisionStatistics statistics,
            FraudProperties properties) {
        this.decisions = decisions;
        this.transactions = transactions;
        this.statistics = statistics;
        this.batchSize = Math.max(1, properties.journalBatchSize());
        this.queue = new ArrayBlockingQueue<>(Math.max(batchSize, properties.journalQueueSize()));
        FraudProperties.DecisionLogSettings settings = properties.decisionLog();
        if (settings.enabled()) {
            if (settings.directory() == null) {
                throw new IllegalStateException("anshin.fraud.decision-log.directory is not set");
            }
            this.decisionLog = new DecisionLog(settings.directory(), settings.fsync(),
                    settings.segmentSize().toBytes());
        } else {
            this.decisionLog = null;
        }
        this.maxPending = Math.max(batchSize, settings.maxPending());
        this.indexBatchSize = Math.max(1, settings.indexBatchSize());
    }

    /** Puts what the log holds from a previous run into the database, before anything reads it. */
    @Override
    public void afterPropertiesSet() {
        if (decisionLog != null) {
            decisionLog.recover(this::insertMissing, indexBatchSize);
            knownIds = loadKnownIds();
        }
    }

    /**
     * A Bloom filter of the stored ids, sized for twice as many plus a million at 1 % false
     * positives (about 1.2 MB per million ids). Past its size it gives more false positives, which
     * only cost a database look-up each; it is sized afresh at the next start.
     */
    private BloomFilter<CharSequence> loadKnownIds() {
        long started = System.nanoTime();
        long stored = decisions.count();
        BloomFilter<CharSequence> ids = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8),
                2 * stored + 1_000_000, 0.01);
        transactions.executeWithoutResult(status -> decisions.forEachId(ids::put));
        log.info("Indexed {} stored authorization ids for the idempotency check in {} ms", stored,
                (System.nanoTime() - started) / 1_000_000);
        return ids;
    }

    /** The decision stored for this authorization id, whether still pending in the log or in the database. */
    Optional<StoredDecision> find(String authorizationId) {
        BloomFilter<CharSequence> known = knownIds;
        if (known != null && !known.mightContain(authorizationId)) {
            return Optional.empty();
        }
        StoredDecision logged = pending.get(authorizationId);
        // Removed from pending only after its database commit, so a miss here is answered by the database.
        return logged != null ? Optional.of(logged) : decisions.find(authorizationId);
    }

    /**
     * Waits until the decision of this id (if it is pending) is in the database, for writes that
     * refer to its row. False if that did not happen within {@code timeout}.
     */
    boolean awaitIndexed(String authorizationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (indexed) {
            while (pending.containsKey(authorizationId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(indexed, left);
            }
        }
        return true;
    }

    /**
     * Queues a decision; the future completes once its row is committed (or fails if it could not be).
     * Refuses at once when the queue is full, so an overloaded server sheds load instead of timing out.
     */
    CompletableFuture<StoredDecision> append(StoredDecision decision) {
        CompletableFuture<StoredDecision> committed = new CompletableFuture<>();
        append(decision, committed);
        return committed;
    }

    /** Same, completing the caller's own future (saves a hop when the caller already waits on one). */
    void append(StoredDecision decision, CompletableFuture<StoredDecision> committed) {
        if (!running || !queue.offer(new Entry(decision, committed))) {
            committed.completeExceptionally(new JournalUnavailable());
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
                if (decisionLog != null) {
                    logAndAcknowledge(batch);
                } else {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void logAndAcknowledge(List<Entry> batch) {
        if (!indexerCaughtUp(batch.size())) {
            batch.forEach(entry -> complete(entry, new JournalUnavailable()));
            return;
        }
        List<StoredDecision> group = new ArrayList<>(batch.size());
        batch.forEach(entry -> group.add(entry.decision()));
        long segment;
        try {
            segment = decisionLog.append(group);
        } catch (IOException e) {
            log.error("Could not append {} decisions to the decision log: {}", group.size(), e.toString());
            batch.forEach(entry -> complete(entry, new JournalUnavailable()));
            return;
        }
        // Known before pending, and pending before answered: a retry after the answer finds it.
        group.forEach(decision -> {
            knownIds.put(decision.authorizationId());
            pending.put(decision.authorizationId(), decision);
        });
        toIndex.add(new Logged(group, segment));
        batch.forEach(entry -> complete(entry, null));
    }

    /**
     * Back-pressure: while more than {@code maxPending} decisions wait for the database (the indexer
     * is short of CPU under load, or the database is slow or down), the writer waits for it, so
     * requests wait in the queue (and past {@code decisionTimeout} get 503) instead of piling up
     * in memory. False only when the journal is stopping meanwhile.
     */
    private boolean indexerCaughtUp(int incoming) {
        if (pending.size() + incoming <= maxPending) {
            return true;
        }
        long started = System.nanoTime();
        try {
            synchronized (indexed) {
                while (running && pending.size() + incoming > maxPending) {
                    indexed.wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        if (waitedMillis >= 1_000) {
            log.warn("Decisions waited {} ms for the database to index the {} before them", waitedMillis,
                    maxPending);
        }
        return pending.size() + incoming <= maxPending;
    }

    /** Inserts logged groups into the database, merged into large transactions, until stopped and drained. */
    private void index() {
        List<StoredDecision> rows = new ArrayList<>(indexBatchSize);
        while (running || writer.isAlive() || !toIndex.isEmpty()) {
            try {
                Logged first = toIndex.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                rows.addAll(first.decisions());
                long segment = first.segment();
                Logged next;
                while (rows.size() < indexBatchSize && (next = toIndex.poll()) != null) {
                    rows.addAll(next.decisions());
                    segment = next.segment();
                }
                if (!indexUntilDone(rows)) {
                    return;
                }
                decisionLog.indexedBefore(segment);
                rows.forEach(decision -> pending.remove(decision.authorizationId(), decision));
                synchronized (indexed) {
                    indexed.notifyAll();
                }
            } catch (InterruptedException e) {
                // Stopping while the database is unreachable: the log keeps what was not indexed.
                return;
            } finally {
                rows.clear();
            }
        }
    }

    /**
     * Retries a database that fails (it may be restarting); the decisions are safe in the log
     * meanwhile. False when the journal is stopping and the database still fails: the log keeps them.
     */
    private boolean indexUntilDone(List<StoredDecision> rows) throws InterruptedException {
        long backoffMillis = 100;
        while (true) {
            try {
                insertMissing(rows);
                return true;
            } catch (RuntimeException e) {
                if (!running) {
                    return false;
                }
                log.warn("Indexing {} logged decisions failed ({}); retrying in {} ms", rows.size(), e.toString(),
                        backoffMillis);
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /**
     * Inserts decisions, skipping those already stored (a replayed log, or an insert whose commit
     * was only slow). A different decision stored under the same id (another instance decided it)
     * is kept, and the clash reported.
     */
    private void insertMissing(List<StoredDecision> rows) {
        try {
            transactions.executeWithoutResult(status -> decisions.insertAll(rows));
        } catch (DuplicateKeyException some) {
            for (StoredDecision row : rows) {
                transactions.executeWithoutResult(status -> {
                    Optional<StoredDecision> stored = decisions.find(row.authorizationId());
                    if (stored.isEmpty()) {
                        decisions.insertAll(List.of(row));
                    } else if (!stored.get().fingerprint().equals(row.fingerprint())) {
                        log.error("Authorization {} was decided twice with different requests; the database "
                                + "keeps the first", row.authorizationId());
                    }
                });
            }
        }
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

    private void insert(List<Entry> batch) {
        List<StoredDecision> rows = new ArrayList<>(batch.size());
        batch.forEach(entry -> rows.add(entry.decision()));
        transactions.executeWithoutResult(status -> decisions.insertAll(rows));
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
        if (decisionLog != null && !decisionLog.isOpen()) {
            // Restarted after a stop (a paused context): what the stop could not index goes in now.
            decisionLog.recover(this::insertMissing, indexBatchSize);
            pending.clear();
        }
        running = true;
        writer = new Thread(this::drain, "decision-journal");
        writer.start();
        if (decisionLog != null) {
            indexer = new Thread(this::index, "decision-indexer");
            indexer.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (writer == null) {
            return; // never started
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever could not be written is refused, never silently answered.
        List<Entry> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(entry -> entry.committed().completeExceptionally(new JournalUnavailable()));
        if (indexer != null) {
            stopIndexing();
            indexer = null;
        }
    }

    private void stopIndexing() {
        try {
            indexer.join(TimeUnit.SECONDS.toMillis(30));
            indexer.interrupt();
            indexer.join();
            if (pending.isEmpty() && toIndex.isEmpty()) {
                decisionLog.clear();
            } else {
                log.warn("{} logged decisions are not in the database yet; they will be at the next start",
                        pending.size());
            }
            decisionLog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("Could not close the decision log: {}", e.toString());
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
