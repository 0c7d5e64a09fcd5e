package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The journal with its decision log: acknowledged once logged, indexed later, recovered after a crash.
 * Without fsync each request appends its own decision; {@link DecisionLogJournalFsyncTest} runs the
 * same tests with fsync, where the writer thread appends groups.
 */
class DecisionLogJournalTest {

    /** Whether the log forces every append to the disk. */
    boolean fsync() {
        return false;
    }

    /** A database table in memory that can be switched off, as a database that is down. */
    static final class TableDecisions extends Decisions {
        final Map<String, StoredDecision> rows = new ConcurrentHashMap<>();
        final List<Integer> transactionSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean down;

        TableDecisions() {
            super(null, null, null);
        }

        final java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Optional<StoredDecision> find(String authorizationId) {
            lookups.incrementAndGet();
            return Optional.ofNullable(rows.get(authorizationId));
        }

        @Override
        public long count() {
            return rows.size();
        }

        @Override
        void forEachId(java.util.function.Consumer<String> action) {
            rows.keySet().forEach(action);
        }

        @Override
        void insertAll(List<StoredDecision> decisions) {
            if (down) {
                throw new DataAccessResourceFailureException("database down");
            }
            for (StoredDecision decision : decisions) {
                if (rows.containsKey(decision.authorizationId())) {
                    throw new DuplicateKeyException(decision.authorizationId());
                }
            }
            decisions.forEach(decision -> rows.put(decision.authorizationId(), decision));
            transactionSizes.add(decisions.size());
        }

        /** As the database does: these cards' rows keep no device id, user agent, IP address or sealed values. */
        @Override
        int forgetDevices(java.util.Collection<String> cardTokens) {
            int forgotten = 0;
            for (StoredDecision row : rows.values()) {
                Authorization a = row.authorization();
                if (cardTokens.contains(a.cardToken()) && (a.device() != null || a.ipAddress() != null)) {
                    rows.put(row.authorizationId(), new StoredDecision(new Authorization(a.authorizationId(),
                            a.cardToken(), a.amountMinor(), a.currency(), a.merchantId(), a.mcc(), a.terminalId(),
                            a.merchantCountry(), a.posEntryMode(), a.cardPresent(), a.timestamp(), null, null),
                            Decisions.ERASED_FINGERPRINT, row.decision(), row.processingMicros(), row.decidedAt()));
                    forgotten++;
                }
            }
            return forgotten;
        }
    }

    @TempDir
    Path directory;

    private final List<DecisionJournal> journals = new ArrayList<>();
    /** How long a request waits for its decision (and, appending itself, for room in the log). */
    private Duration decisionTimeout = Duration.ofSeconds(5);
    /** Given to the journals made from now on. */
    private List<DecisionsIndexedListener> listeners = List.of();
    /** Given to the journals made from now on. */
    private ErasedCards erasedCards = ErasedCards.NONE;

    /** What a listener was told, batch by batch. */
    static final class RecordingListener implements DecisionsIndexedListener {
        final List<String> inserting = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> committed = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean failAfterCommit;

        @Override
        public void inserting(List<StoredDecision> batch) {
            batch.forEach(decision -> inserting.add(decision.authorizationId()));
        }

        @Override
        public void committed(List<StoredDecision> batch) {
            batch.forEach(decision -> committed.add(decision.authorizationId()));
            if (failAfterCommit) {
                throw new IllegalStateException("listener failed");
            }
        }
    }

    @AfterEach
    void stopAll() {
        journals.forEach(DecisionJournal::stop);
    }

    private DecisionJournal journal(TableDecisions table, int maxPending, long segmentBytes) {
        return journal(table, maxPending, segmentBytes, Duration.ofMillis(20));
    }

    private DecisionJournal journal(TableDecisions table, int maxPending, long segmentBytes, Duration indexDelay) {
        return journal(table, maxPending, segmentBytes, indexDelay, directory);
    }

    private DecisionJournal journal(TableDecisions table, int maxPending, long segmentBytes, Duration indexDelay,
            Path directory) {
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 50, 1_000,
                decisionTimeout, 10, 0, Duration.ofDays(60), Duration.ofMinutes(10),
                new FraudProperties.DecisionLogSettings(true, directory, fsync(), DataSize.ofBytes(segmentBytes),
                        maxPending, 1_000, indexDelay, DataSize.ofMegabytes(64)), DecisionJournalTest.ADMISSION_OFF);
        DecisionJournal journal = new DecisionJournal(table,
                new TransactionTemplate(new DecisionJournalTest.NoTransactions()),
                new DecisionStatistics(Clock.systemUTC()), properties, listeners, OwnerOnlyFiles::open, erasedCards);
        journal.afterPropertiesSet();
        journals.add(journal);
        return journal;
    }

    private DecisionJournal journal(TableDecisions table) {
        return journal(table, 50_000, 64 * 1024 * 1024);
    }

    @Test
    void acknowledgesOnceLoggedAndAnswersFromMemoryUntilIndexed() throws Exception {
        TableDecisions table = new TableDecisions();
        table.down = true;
        DecisionJournal journal = journal(table);
        journal.start();

        StoredDecision acknowledged = journal.append(decision("p-1")).get(5, TimeUnit.SECONDS);

        assertThat(table.rows).isEmpty();
        assertThat(journal.find("p-1")).contains(acknowledged);
        assertThat(journal.awaitIndexed("p-1", Duration.ofMillis(50))).isFalse();

        table.down = false; // the database is back: the indexer's retry gets through
        assertThat(journal.awaitIndexed("p-1", Duration.ofSeconds(10))).isTrue();
        assertThat(table.rows).containsKey("p-1");
        assertThat(journal.find("p-1")).contains(table.rows.get("p-1"));
    }

    @Test
    void aCustomerErasedWhileTheirDecisionWaitsInTheLogGetsItStoredWithoutDeviceData() throws Exception {
        TableDecisions table = new TableDecisions();
        table.down = true; // the indexer is held back: the decisions are acknowledged, only the log holds them
        erasedCards = new ErasedCards(cardToken -> false);
        DecisionJournal journal = journal(table);
        journal.start();
        journal.append(decision("erased-1", true)).get(5, TimeUnit.SECONDS);
        journal.append(decision("kept-1", true)).get(5, TimeUnit.SECONDS);

        // The erasure names the customer's card, then updates the rows stored so far: none of these yet.
        erasedCards.erased(List.of("tok-erased-1"));
        assertThat(table.forgetDevices(List.of("tok-erased-1"))).isZero();
        table.down = false;

        assertThat(journal.awaitIndexed("erased-1", Duration.ofSeconds(10))).isTrue();
        assertThat(journal.awaitIndexed("kept-1", Duration.ofSeconds(10))).isTrue();
        assertThat(table.rows.get("erased-1").authorization().device()).isNull();
        assertThat(table.rows.get("erased-1").authorization().ipAddress()).isNull();
        assertThat(table.rows.get("erased-1").fingerprint()).isEqualTo(Decisions.ERASED_FINGERPRINT);
        assertThat(table.rows.get("kept-1").authorization().device().deviceId()).isEqualTo("dev-1");
        assertThat(table.rows.get("kept-1").authorization().ipAddress()).isEqualTo("2001:db8::1");
    }

    @Test
    void anErasureBetweenTheIndexersCheckAndItsCommitStillReachesTheDecision() throws Exception {
        TableDecisions table = new TableDecisions();
        ErasedCards erased = new ErasedCards(cardToken -> false);
        erasedCards = erased;
        // The erasure names the card after the indexer looked, inside its transaction (and updates before the
        // indexer commits, finding nothing): the indexer's look after the commit must catch it.
        listeners = List.of(new DecisionsIndexedListener() {
            @Override
            public void inserting(List<StoredDecision> batch) {
                batch.stream().filter(row -> row.authorizationId().equals("erased-2"))
                        .forEach(row -> erased.erased(List.of(row.authorization().cardToken())));
            }
        });
        DecisionJournal journal = journal(table);
        journal.start();
        DecisionJournalTest.store(journal, List.of(decision("erased-2", true), decision("kept-2", true)));

        assertThat(table.rows.get("erased-2").authorization().device()).isNull();
        assertThat(table.rows.get("erased-2").authorization().ipAddress()).isNull();
        assertThat(table.rows.get("kept-2").authorization().device().deviceId()).isEqualTo("dev-1");
    }

    @Test
    void decisionsOfACustomerErasedBeforeARestartAreReplayedIntoTheDatabaseWithoutDeviceData() throws Exception {
        TableDecisions table = new TableDecisions();
        decideWhileTheDatabaseIsDown(table, 64 * 1024 * 1024, "replayed-", 4); // even ones carry device data
        assertThat(table.rows).isEmpty();

        // Erased meanwhile (in the database); the new process starts with no memory of it.
        table.down = false;
        erasedCards = new ErasedCards(cardToken -> cardToken.equals("tok-replayed-0"));
        journal(table); // the start: the log goes into the database

        assertThat(table.rows).containsOnlyKeys("replayed-0", "replayed-1", "replayed-2", "replayed-3");
        assertThat(table.rows.get("replayed-0").authorization().device()).isNull();
        assertThat(table.rows.get("replayed-0").authorization().ipAddress()).isNull();
        assertThat(table.rows.get("replayed-2").authorization().device().deviceId()).isEqualTo("dev-1");
        assertThat(table.rows.get("replayed-2").authorization().ipAddress()).isEqualTo("2001:db8::1");
    }

    @Test
    void looksUpOnlyIdsItMayHaveStored() throws Exception {
        TableDecisions table = new TableDecisions();
        for (int i = 0; i < 1_000; i++) {
            table.rows.put("old-" + i, decision("old-" + i));
        }
        DecisionJournal journal = journal(table);
        journal.start();
        StoredDecision fresh = journal.append(decision("fresh")).get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 1_000; i++) {
            assertThat(journal.find("old-" + i)).as("stored before the start").isPresent();
        }
        assertThat(journal.find("fresh")).contains(fresh);
        table.lookups.set(0);
        int absent = 0;
        for (int i = 0; i < 1_000; i++) {
            if (journal.find("never-" + i).isEmpty()) {
                absent++;
            }
        }
        assertThat(absent).isEqualTo(1_000);
        // 1 % false positives by design: those few ask the database, the rest do not.
        assertThat(table.lookups.get()).isLessThan(50);
    }

    @Test
    void indexesInLargerTransactionsThanItAcknowledges() throws Exception {
        TableDecisions table = new TableDecisions();
        table.down = true; // let a backlog build up, as under load
        DecisionJournal journal = journal(table);
        journal.start();
        List<CompletableFuture<StoredDecision>> acks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            acks.add(journal.append(decision("big-" + i)));
        }
        for (CompletableFuture<StoredDecision> ack : acks) {
            ack.get(5, TimeUnit.SECONDS);
        }
        table.down = false;
        assertThat(journal.awaitIndexed("big-399", Duration.ofSeconds(10))).isTrue();
        for (int i = 0; i < 400; i++) {
            assertThat(journal.awaitIndexed("big-" + i, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(table.rows).hasSize(400);
        // Groups of at most 50 were acknowledged; the backlog went to the database in fewer, larger transactions.
        assertThat(table.transactionSizes).anySatisfy(size -> assertThat(size).isGreaterThan(50));
    }

    @Test
    void gathersDecisionsForOneTransactionDuringTheIndexDelay() throws Exception {
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = journal(table, 50_000, 64 * 1024 * 1024, Duration.ofSeconds(2));
        journal.start();
        for (int i = 0; i < 100; i++) {
            journal.append(decision("g-" + i)).get(5, TimeUnit.SECONDS);
        }

        assertThat(journal.awaitIndexed("g-99", Duration.ofSeconds(10))).isTrue();
        assertThat(table.transactionSizes).as("100 decisions answered one by one, indexed together")
                .containsExactly(100);
    }

    @Test
    void aRestartPutsWhatOnlyTheLogHeldIntoTheDatabase() throws Exception {
        TableDecisions table = new TableDecisions();
        List<StoredDecision> acknowledged = decideWhileTheDatabaseIsDown(table, 64 * 1024 * 1024, "r-", 30);
        table.rows.put("already", decision("already")); // indexed before the crash: not inserted twice
        assertThat(table.rows).hasSize(1);

        table.down = false;
        DecisionJournal second = journal(table);

        assertThat(table.rows).hasSize(31);
        for (StoredDecision decision : acknowledged) {
            assertThat(table.rows.get(decision.authorizationId())).isEqualTo(decision);
        }
        assertThat(segments()).as("recovered segments are deleted").hasSize(1);
        assertThat(Files.size(segments().get(0))).isZero();
        second.start();
        assertThat(second.append(decision("after")).get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void listenersAreToldOfEachDecisionInsertedAlsoWhenTheLogIsReplayedButNeverOfOneAlreadyStored()
            throws Exception {
        TableDecisions table = new TableDecisions();
        List<StoredDecision> acknowledged = decideWhileTheDatabaseIsDown(table, 64 * 1024 * 1024, "l-", 5);
        // Indexed before the crash (its listener's writes committed with it): not told again.
        table.rows.put("l-0", acknowledged.get(0));
        RecordingListener listener = new RecordingListener();
        listeners = List.of(listener);

        table.down = false;
        DecisionJournal second = journal(table);

        assertThat(listener.inserting).containsExactlyInAnyOrder("l-1", "l-2", "l-3", "l-4");
        assertThat(listener.committed).containsExactlyInAnyOrder("l-1", "l-2", "l-3", "l-4");

        second.start();
        second.append(decision("l-new")).get(5, TimeUnit.SECONDS);
        assertThat(second.awaitIndexed("l-new", Duration.ofSeconds(5))).isTrue();
        assertThat(listener.inserting).containsOnlyOnce("l-new");
    }

    @Test
    void aListenerFailingAfterTheCommitDoesNotStopIndexing() throws Exception {
        RecordingListener listener = new RecordingListener();
        listener.failAfterCommit = true;
        listeners = List.of(listener);
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = journal(table);
        journal.start();

        for (String id : List.of("f-1", "f-2")) {
            journal.append(decision(id)).get(5, TimeUnit.SECONDS);
            assertThat(journal.awaitIndexed(id, Duration.ofSeconds(5))).isTrue();
        }
        assertThat(table.rows).containsKeys("f-1", "f-2");
        // Told after the decisions left the pending set, so a moment after awaitIndexed returns.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.committed.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(listener.committed).containsExactly("f-1", "f-2");
    }

    @Test
    void aTornWriteAtTheEndIsDroppedAndEverythingBeforeItKept() throws Exception {
        TableDecisions table = new TableDecisions();
        decideWhileTheDatabaseIsDown(table, 64 * 1024 * 1024, "t-", 5);
        // A crash in the middle of the next write leaves part of a record behind.
        Files.write(segments().get(0), new byte[] {0, 0, 1, 0, 42, 42, 42, 42, 1, 2, 3}, StandardOpenOption.APPEND);

        table.down = false;
        journal(table);

        assertThat(table.rows).containsOnlyKeys("t-0", "t-1", "t-2", "t-3", "t-4");
    }

    @Test
    void damageBeforeTheLastSegmentStopsTheStart() throws Exception {
        TableDecisions table = new TableDecisions();
        decideWhileTheDatabaseIsDown(table, 600, "d-", 20); // a few records per segment
        List<Path> segments = segments();
        assertThat(segments).hasSizeGreaterThan(2);
        byte[] bytes = Files.readAllBytes(segments.get(0));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(segments.get(0), bytes);

        table.down = false;
        assertThatThrownBy(() -> journal(table)).isInstanceOf(UncheckedIOException.class)
                .hasStackTraceContaining("damaged");
        assertThat(segments()).as("nothing deleted").hasSameSizeAs(segments);
    }

    @Test
    void indexedSegmentsAreDeleted() throws Exception {
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = journal(table, 50_000, 600);
        journal.start();
        for (int i = 0; i < 40; i++) {
            journal.append(decision("s-" + i)).get(5, TimeUnit.SECONDS);
        }
        assertThat(journal.awaitIndexed("s-39", Duration.ofSeconds(10))).isTrue();
        journal.append(decision("s-last")).get(5, TimeUnit.SECONDS);
        assertThat(journal.awaitIndexed("s-last", Duration.ofSeconds(10))).isTrue();

        assertThat(segments()).as("only the segment being written is left").hasSize(1);
        journal.stop();
        assertThat(Files.size(segments().get(0))).as("all indexed at a clean stop").isZero();
    }

    @Test
    void holdsNewDecisionsBackWhileTooManyWaitForTheDatabase() throws Exception {
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = fullWhileTheDatabaseIsDown(table, "f-");

        // Without fsync the request's own thread waits for room; with it, the writer thread does.
        CompletableFuture<StoredDecision> held = CompletableFuture.supplyAsync(
                () -> journal.append(decision("f-50")).join());

        assertThatThrownBy(() -> held.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(journal.find("f-50")).as("not answered, not logged").isEmpty();
        table.down = false; // the indexer catches up, and the held decision goes through
        assertThat(held.get(10, TimeUnit.SECONDS).authorizationId()).isEqualTo("f-50");
        assertThat(journal.awaitIndexed("f-50", Duration.ofSeconds(10))).isTrue();
        assertThat(table.rows).hasSize(51);
    }

    @Test
    void aRequestWaitingForRoomGivesUpAfterTheDecisionTimeout() throws Exception {
        assumeFalse(fsync(), "with fsync the writer thread waits, and the request's own wait times out");
        decisionTimeout = Duration.ofMillis(300);
        DecisionJournal journal = fullWhileTheDatabaseIsDown(new TableDecisions(), "w-");

        CompletableFuture<StoredDecision> refused = CompletableFuture.supplyAsync(
                () -> journal.append(decision("w-50")).join());

        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DecisionJournal.JournalUnavailable.class);
        assertThat(journal.find("w-50")).as("refused, not logged").isEmpty();
    }

    @Test
    void anInterruptedRequestThreadDoesNotCloseTheLog() throws Exception {
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = journal(table);
        journal.start();

        Thread.currentThread().interrupt();
        CompletableFuture<StoredDecision> appended = journal.append(decision("i-1"));
        assertThat(Thread.interrupted()).as("the interrupt is kept for its owner").isTrue();

        assertThat(appended.get(5, TimeUnit.SECONDS).authorizationId()).isEqualTo("i-1");
        assertThat(journal.append(decision("i-2")).get(5, TimeUnit.SECONDS).authorizationId()).isEqualTo("i-2");
        assertThat(journal.awaitIndexed("i-2", Duration.ofSeconds(10))).isTrue();
        assertThat(table.rows).containsKeys("i-1", "i-2");
    }

    @Test
    void theLogKeepsEveryFieldOfADecision() throws IOException {
        DecisionLog log = new DecisionLog(directory, true, 1024 * 1024);
        log.recover(group -> { }, 10);
        StoredDecision full = decision("full", true);
        StoredDecision bare = decision("bare", false);
        log.append(List.of(full, bare));
        log.close();

        List<StoredDecision> read = new ArrayList<>();
        new DecisionLog(directory, true, 1024 * 1024).recover(read::addAll, 10);

        assertThat(read).containsExactly(full, bare);
    }

    /** Decisions are personal data's neighbours (card tokens, amounts, places): nobody but the server's user reads them. */
    @Test
    void theLogIsReadableByItsOwnerOnly() throws IOException {
        DecisionLog log = new DecisionLog(directory.resolve("fresh"), false, 1024 * 1024);
        log.recover(group -> { }, 10);
        log.append(List.of(decision("owner-only", true)));
        log.close();

        assertThat(Files.getPosixFilePermissions(directory.resolve("fresh"))).isEqualTo(OwnerOnlyFiles.DIRECTORY);
        try (Stream<Path> segments = Files.list(directory.resolve("fresh"))) {
            assertThat(segments.toList()).isNotEmpty().allSatisfy(segment ->
                    assertThat(Files.getPosixFilePermissions(segment)).isEqualTo(OwnerOnlyFiles.FILE));
        }
    }

    @Test
    void aBackupPairsTheDatabaseSnapshotWithEveryDecisionItLacks(@TempDir Path restoredLog) throws Exception {
        TableDecisions table = new TableDecisions();
        DecisionJournal journal = journal(table, 50_000, 600); // a few records per segment
        journal.start();
        for (int i = 0; i < 10; i++) {
            journal.append(decision("b-" + i)).get(5, TimeUnit.SECONDS);
        }
        assertThat(journal.awaitIndexed("b-9", Duration.ofSeconds(10))).isTrue();
        table.down = true; // the next ones wait for the database, only the log holds them
        for (int i = 10; i < 40; i++) {
            journal.append(decision("b-" + i)).get(5, TimeUnit.SECONDS);
        }

        Map<String, byte[]> copied = new LinkedHashMap<>();
        Map<String, StoredDecision> snapshot = journal.backUp(() -> {
            Map<String, StoredDecision> rows = Map.copyOf(table.rows);
            // While the backup runs, the database comes back and the indexer catches up: the segments
            // it finishes would be deleted before the copy, losing what the snapshot lacks.
            table.down = false;
            assertThat(journal.awaitIndexed("b-39", Duration.ofSeconds(10))).isTrue();
            return rows;
        }, (name, length, bytes) -> {
            byte[] content = bytes.readAllBytes();
            assertThat(content).hasSize((int) length);
            copied.put(name, content);
        });

        assertThat(snapshot).hasSize(10);
        assertThat(copied).hasSizeGreaterThan(2);
        assertThat(segments()).as("held segments are deleted once the backup is done").hasSize(1);
        for (Map.Entry<String, byte[]> segment : copied.entrySet()) {
            Files.write(restoredLog.resolve(segment.getKey()), segment.getValue());
        }
        TableDecisions restored = new TableDecisions();
        restored.rows.putAll(snapshot);
        journal(restored, 50_000, 600, Duration.ofMillis(20), restoredLog); // the start after a restore

        assertThat(restored.rows).as("every decision answered before the snapshot")
                .containsOnlyKeys(table.rows.keySet());
        assertThat(restored.rows).hasSize(40);
    }

    /** A started journal holding 50 decisions at most, all 50 pending because the database is down. */
    private DecisionJournal fullWhileTheDatabaseIsDown(TableDecisions table, String prefix) throws Exception {
        table.down = true;
        DecisionJournal journal = journal(table, 50, 64 * 1024 * 1024);
        journal.start();
        for (int i = 0; i < 50; i++) {
            journal.append(decision(prefix + i)).get(5, TimeUnit.SECONDS);
        }
        return journal;
    }

    /** Decides {@code count} decisions while the database is down, then stops: only the log holds them. */
    private List<StoredDecision> decideWhileTheDatabaseIsDown(TableDecisions table, long segmentBytes, String prefix,
            int count) throws Exception {
        table.down = true;
        DecisionJournal journal = journal(table, 50_000, segmentBytes);
        journal.start();
        List<StoredDecision> acknowledged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acknowledged.add(journal.append(decision(prefix + i, i % 2 == 0)).get(5, TimeUnit.SECONDS));
        }
        journal.stop();
        journals.remove(journal);
        return acknowledged;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    static StoredDecision decision(String id) {
        return decision(id, false);
    }

    /** With {@code full}, every optional field is set (device, IP, reasons, shadow scores). */
    private static StoredDecision decision(String id, boolean full) {
        Instant at = Instant.parse("2026-11-26T01:02:03.123456789Z");
        DeviceData device = full ? new DeviceData("dev-1", "02", "Mozilla/5.0 テスト", "ja-JP", -540, 1170, 2532)
                : new DeviceData(null, "01", null, null, null, null, null);
        Authorization a = new Authorization(id, "tok-" + id, 12_345, "JPY", "M1", "5411", "T1", "JP",
                full ? PosEntryMode.ECOMMERCE : PosEntryMode.CHIP, !full, at, full ? device : null,
                full ? "2001:db8::1" : null);
        Map<String, Double> shadows = new LinkedHashMap<>();
        if (full) {
            shadows.put("model-2", 0.25);
            shadows.put("model-3", 0.75);
        }
        List<Reason> reasons = full
                ? List.of(new Reason(Reason.Kind.FEATURE, "amount_vs_card_median", "Amount far above usual", 1.5),
                        new Reason(Reason.Kind.RULE, "deny-list", null, 1.0))
                : List.of();
        RiskDecision risk = new RiskDecision(id, full ? Decision.REVIEW : Decision.APPROVE, full ? 0.61 : 0.01,
                reasons, full ? "model-1" : "none", 7, shadows, 42);
        return new StoredDecision(a, "fingerprint-" + id, risk, 99, at.plusMillis(3));
    }
}
