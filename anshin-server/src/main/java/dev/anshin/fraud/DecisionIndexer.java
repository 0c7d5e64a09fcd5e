package dev.anshin.fraud;

import com.google.common.io.ByteStreams;
import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.problems.IntervalLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log's side of the {@link DecisionJournal} (ADR 0005): appends the journal's groups
 * to the {@link DecisionLog}, answers for them from memory until they are in the database, and
 * inserts them there from its own thread in large transactions. At start it puts what the log
 * still holds into the database, and loads the stored ids into a Bloom filter so that the
 * idempotency check can skip the database for ids never stored.
 */
final class DecisionIndexer {

    private static final Logger log = LoggerFactory.getLogger(DecisionIndexer.class);
    private static final IntervalLog roomWaits = new IntervalLog(log, Duration.ofSeconds(10),
            "Decisions waited for the database to index the ones before them ({} waits of a second or more since "
                    + "the last line; latest {} ms)");

    /** A logged group waiting to be indexed, and the log segment that holds it. */
    private record Logged(List<StoredDecision> decisions, long segment) {
    }

    private final Decisions decisions;
    private final TransactionTemplate transactions;
    private final DecisionLog decisionLog;
    private final IndexedListeners listeners;
    /** Cards whose customer was erased: their decisions are stored without device data. */
    private final ErasedCards erasedCards;
    /** The cards whose decisions the last insert (on the indexer's thread) stored without device data. */
    private Set<String> forgottenInTransaction = Set.of();
    private final int maxPending;
    private final int batchSize;
    private final long delayNanos;
    /** Logged and answered, not yet committed in the database. */
    private final ConcurrentHashMap<String, StoredDecision> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Logged> toIndex = new LinkedBlockingQueue<>();
    /** Serializes appends to the log, and appends against closing it. */
    private final ReentrantLock appends = new ReentrantLock();
    /** Whether appends are taken (guarded by {@link #appends}): from start until stop. */
    private boolean accepting;
    /** Notified whenever decisions leave {@link #pending}, and when stopping. */
    private final Object indexed = new Object();
    /** Every id stored or logged: an id it does not contain was never stored. */
    private volatile KnownIds knownIds;
    /** Stop waiting for room and stop retrying a failing database. */
    private volatile boolean stopping;
    /** No more groups will come: exit once the queue is empty. */
    private volatile boolean finished;
    private Thread thread;
    /** When the oldest decision of the group being inserted now was decided; null between groups. */
    private volatile Instant indexing;

    DecisionIndexer(Decisions decisions, TransactionTemplate transactions, FraudProperties.DecisionLogSettings settings,
            int minimumPending, IndexedListeners listeners) {
        this(decisions, transactions, settings, minimumPending, listeners, OwnerOnlyFiles::open, ErasedCards.NONE);
    }

    /**
     * With the log's segments opened by {@code files} (a disk that fills up, in tests), and the decisions of
     * cards in {@code erasedCards} stored without their device data.
     */
    DecisionIndexer(Decisions decisions, TransactionTemplate transactions, FraudProperties.DecisionLogSettings settings,
            int minimumPending, IndexedListeners listeners, DecisionLog.SegmentFiles files, ErasedCards erasedCards) {
        if (settings.directory() == null) {
            throw new IllegalStateException("anshin.fraud.decision-log.directory is not set");
        }
        this.decisions = decisions;
        this.transactions = transactions;
        this.listeners = listeners;
        this.erasedCards = erasedCards;
        this.decisionLog = new DecisionLog(settings.directory(), settings.fsync(), settings.segmentSize().toBytes(),
                files);
        this.maxPending = Math.max(minimumPending, settings.maxPending());
        this.batchSize = Math.max(1, settings.indexBatchSize());
        this.delayNanos = settings.indexDelay().toNanos();
    }

    /**
     * Puts what the log holds into the database and opens it for appends; the first time, also
     * loads the stored ids. Runs before anything reads the database, and again when a stopped
     * journal is started.
     */
    void recover() {
        // Erasures may have committed while these decisions waited in the log (before a crash, or a stop):
        // each card is asked of the database.
        Map<String, Boolean> erasedAnswers = ErasedCards.answers();
        decisionLog.recover(rows -> listeners.committed(insertMissing(rows,
                () -> erasedCards.erasedInDatabase(rows, erasedAnswers))), batchSize);
        pending.clear();
        if (knownIds == null) {
            knownIds = loadKnownIds();
        }
    }

    boolean isOpen() {
        return decisionLog.isOpen();
    }

    /**
     * A Bloom filter of the stored ids, its first layer sized for twice as many plus a million at
     * 1 % false positives (about 1.2 MB per million ids); it grows in layers as ids are added ({@link KnownIds}).
     */
    private KnownIds loadKnownIds() {
        long started = System.nanoTime();
        long stored = decisions.count();
        KnownIds ids = new KnownIds(2 * stored + 1_000_000);
        transactions.executeWithoutResult(status -> decisions.forEachId(ids::put));
        log.info("Loaded {} stored authorization ids for the idempotency check in {} ms", stored,
                (System.nanoTime() - started) / 1_000_000);
        return ids;
    }

    /** The stored decision of this id: none if never stored, else from memory or the database. */
    Optional<StoredDecision> find(String authorizationId) {
        if (!knownIds.mightContain(authorizationId)) {
            return Optional.empty();
        }
        StoredDecision logged = pending.get(authorizationId);
        // Removed from pending only after its database commit, so a miss here is answered by the database.
        return logged != null ? Optional.of(logged) : decisions.find(authorizationId);
    }

    /**
     * Back-pressure: while more than {@code maxPending} decisions wait for the database (this
     * thread is short of CPU under load, or the database is slow or down), appends wait here, so
     * that requests wait instead of piling decisions up in memory. False when that lasted
     * {@code timeout}, or the journal is stopping meanwhile.
     */
    boolean awaitRoom(int incoming, Duration timeout) throws InterruptedException {
        if (pending.size() + incoming <= maxPending) {
            return true;
        }
        long started = System.nanoTime();
        waitWhile(() -> !stopping && pending.size() + incoming > maxPending, started + timeout.toNanos());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        if (waitedMillis >= 1_000) {
            roomWaits.record(waitedMillis);
        }
        return pending.size() + incoming <= maxPending;
    }

    /** Whether a decision could be logged now without waiting for the database to catch up. */
    boolean hasRoom() {
        return pending.size() < maxPending;
    }

    /** Decisions answered from the log and not yet in the database. */
    int pendingCount() {
        return pending.size();
    }

    int maxPending() {
        return maxPending;
    }

    /**
     * How far the database is behind the log: the age of the oldest decision not yet in it (zero when
     * none waits). Grows steadily while the database is away.
     */
    Duration lag(Instant now) {
        Instant oldest = indexing;
        if (oldest == null) {
            Logged next = toIndex.peek();
            oldest = next == null || next.decisions().isEmpty() ? null : next.decisions().get(0).decidedAt();
        }
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }

    /** Bytes the log's file system has left for new segments. */
    long usableSpace() throws IOException {
        return decisionLog.usableSpace();
    }

    Path directory() {
        return decisionLog.directory();
    }

    /**
     * Appends decisions to the log with one write; once this returns true, they are durable and may
     * be answered. Called by the journal's writer thread with a group, or by a request's own thread
     * with its one decision when there is no fsync to share. False when the log is closed.
     */
    boolean log(List<StoredDecision> group) throws IOException {
        appends.lock();
        try {
            if (!accepting) {
                return false;
            }
            long segment = decisionLog.append(group);
            // Known before pending, and pending before answered: a retry after the answer finds it.
            for (StoredDecision decision : group) {
                knownIds.put(decision.authorizationId());
                pending.put(decision.authorizationId(), decision);
            }
            // Queued in log order, so that the indexer knows which segments are fully indexed.
            toIndex.add(new Logged(group, segment));
            return true;
        } finally {
            appends.unlock();
        }
    }

    /**
     * The decision log's side of a backup (see {@link DecisionLogBackup}): holds the segments while
     * the snapshot runs, then takes the list of segments while no append is in flight (so the one
     * being written ends on a whole record) and copies them.
     */
    <T> T backUp(Callable<T> databaseSnapshot, DecisionLogBackup.Segments segments)
            throws Exception {
        decisionLog.hold();
        try {
            T snapshot = databaseSnapshot.call();
            List<DecisionLog.Segment> now;
            appends.lock();
            try {
                now = decisionLog.segmentsNow();
            } finally {
                appends.unlock();
            }
            for (DecisionLog.Segment segment : now) {
                try (InputStream in = Files.newInputStream(segment.file())) {
                    segments.copy(segment.file().getFileName().toString(), segment.bytes(),
                            ByteStreams.limit(in, segment.bytes()));
                }
            }
            return snapshot;
        } finally {
            decisionLog.release();
        }
    }

    /**
     * Retention: when the segment being written holds a decision that occurred before {@code cutoff} and every
     * logged decision is in the database, starts the log over (as a clean stop does), so the file that held it is
     * emptied and the older, indexed segments deleted. A decision still waiting for the database, or a backup in
     * progress, leaves the log as it is: the next run tries again. Appends wait meanwhile (a truncation, no copy).
     *
     * @return whether the log was started over
     */
    boolean dropLoggedBefore(Instant cutoff) throws IOException {
        appends.lock();
        try {
            Instant oldest = decisionLog.oldestWritten();
            if (!accepting || oldest == null || !oldest.isBefore(cutoff) || !pending.isEmpty() || !toIndex.isEmpty()
                    || indexing != null) {
                return false;
            }
            return decisionLog.clearUnlessHeld();
        } finally {
            appends.unlock();
        }
    }

    /**
     * Waits until the decision of this id (if it is pending) is in the database, for writes that
     * refer to its row. False if that did not happen within {@code timeout}.
     */
    boolean awaitIndexed(String authorizationId, Duration timeout) throws InterruptedException {
        return waitWhile(() -> pending.containsKey(authorizationId), System.nanoTime() + timeout.toNanos());
    }

    /**
     * Waits on {@link #indexed} (notified when decisions leave {@link #pending}, and at stop) while
     * {@code waiting} holds, up to the {@link System#nanoTime} deadline. False if it still holds then.
     */
    private boolean waitWhile(BooleanSupplier waiting, long deadline) throws InterruptedException {
        synchronized (indexed) {
            while (waiting.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(indexed, left);
            }
        }
        return true;
    }

    void start() {
        stopping = false;
        finished = false;
        thread = new Thread(this::index, "decision-indexer");
        thread.start();
        appends.lock();
        try {
            accepting = true;
        } finally {
            appends.unlock();
        }
    }

    /** The journal is stopping: give up waiting for room, and give up on a failing database. */
    void requestStop() {
        stopping = true;
        synchronized (indexed) {
            indexed.notifyAll(); // appends waiting for room give up
        }
    }

    /**
     * The journal's writer has stopped: index what is queued (up to 30 s), then close the log,
     * empty if everything is in the database, else kept for the next start.
     */
    void stop() {
        requestStop();
        appends.lock();
        try {
            // No append may land after this: the log may be cleared below.
            accepting = false;
        } finally {
            appends.unlock();
        }
        finished = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            thread.interrupt();
            thread.join();
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
        } finally {
            thread = null;
        }
    }

    /**
     * Inserts logged groups into the database, those that came within {@code indexDelay} of the
     * first (up to a batch) in one transaction, until finished and drained.
     */
    private void index() {
        List<StoredDecision> rows = new ArrayList<>(batchSize);
        while (!finished || !toIndex.isEmpty()) {
            try {
                Logged first = toIndex.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                rows.addAll(first.decisions());
                indexing = first.decisions().isEmpty() ? null : first.decisions().get(0).decidedAt();
                long segment = first.segment();
                if (delayNanos > 0 && !finished && rows.size() + toIndex.size() < batchSize) {
                    // Sleeps rather than waits on the queue: a waiting taker would be woken by every append.
                    // Not with a batch already waiting (a backlog after a slow commit): that goes in at once.
                    TimeUnit.NANOSECONDS.sleep(delayNanos);
                }
                Logged next;
                while (rows.size() < batchSize && (next = toIndex.poll()) != null) {
                    rows.addAll(next.decisions());
                    segment = next.segment();
                }
                List<StoredDecision> inserted = indexUntilDone(rows);
                if (inserted == null) {
                    return;
                }
                forgetErasedSinceInserted(inserted);
                decisionLog.indexedBefore(segment);
                rows.forEach(decision -> pending.remove(decision.authorizationId(), decision));
                indexing = null;
                synchronized (indexed) {
                    indexed.notifyAll();
                }
                listeners.committed(inserted);
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
     * meanwhile. Returns those newly inserted; null when stopping and the database still fails: the
     * log keeps them.
     */
    private List<StoredDecision> indexUntilDone(List<StoredDecision> rows) throws InterruptedException {
        long backoffMillis = 100;
        while (true) {
            try {
                return insertMissing(rows, () -> erasedCards.erasedAmong(rows));
            } catch (RuntimeException e) {
                if (stopping) {
                    return null;
                }
                log.warn("Indexing {} logged decisions failed ({}); retrying in {} ms", rows.size(), e.toString(),
                        backoffMillis);
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** In the inserting transaction: the decisions of these cards lose their device data (their customer is erased). */
    private void forgetDevices(Set<String> cardTokens) {
        if (!cardTokens.isEmpty()) {
            int forgotten = decisions.forgetDevices(cardTokens);
            log.info("Stored {} logged authorizations of an erased customer without their device data", forgotten);
        }
    }

    /**
     * After the commit: an erasure that named its cards while the batch was being inserted (after the check in
     * the transaction) may have updated before the commit, missing these rows; they lose their device data now.
     */
    private void forgetErasedSinceInserted(List<StoredDecision> inserted) {
        Set<String> erasedSince = erasedCards.erasedAmong(inserted);
        erasedSince.removeAll(forgottenInTransaction);
        if (erasedSince.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> forgetDevices(erasedSince));
        } catch (RuntimeException e) {
            log.warn("Could not remove the device data of {} cards of an erased customer from indexed "
                    + "authorizations: {}", erasedSince.size(), e.toString());
        }
    }

    /**
     * Inserts decisions, skipping those already stored (a replayed log, or an insert whose commit
     * was only slow). A different decision stored under the same id (another instance decided it)
     * is kept, and the clash reported. The listeners' {@code inserting} runs in the same transaction
     * with the decisions newly inserted, which are returned.
     */
    private List<StoredDecision> insertMissing(List<StoredDecision> rows, Supplier<Set<String>> erased) {
        forgottenInTransaction = Set.of();
        try {
            transactions.executeWithoutResult(status -> {
                decisions.insertAll(rows);
                Set<String> erasedTokens = erased.get();
                forgetDevices(erasedTokens);
                forgottenInTransaction = erasedTokens;
                listeners.inserting(rows);
            });
            return rows;
        } catch (DuplicateKeyException some) {
            Set<String> erasedTokens = erased.get();
            List<StoredDecision> inserted = new ArrayList<>();
            for (StoredDecision row : rows) {
                transactions.executeWithoutResult(status -> {
                    Optional<StoredDecision> stored = decisions.find(row.authorizationId());
                    if (stored.isEmpty()) {
                        decisions.insertAll(List.of(row));
                        if (erasedTokens.contains(row.authorization().cardToken())) {
                            forgetDevices(Set.of(row.authorization().cardToken()));
                        }
                        listeners.inserting(List.of(row));
                        inserted.add(row);
                    } else if (!stored.get().fingerprint().equals(row.fingerprint())) {
                        log.error("Authorization {} was decided twice with different requests; the database "
                                + "keeps the first", row.authorizationId());
                    }
                });
            }
            return inserted;
        }
    }
}
