package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class DecisionJournalTest {

    /** The journal committing each group in the database, without the decision log. */
    static final FraudProperties.DecisionLogSettings LOG_OFF =
            new FraudProperties.DecisionLogSettings(false, null, false, DataSize.ofMegabytes(64), 50_000, 5_000,
                    Duration.ZERO, DataSize.ofMegabytes(64));
    /** The admission stage's defaults (application.properties leaves them as they are), but for pacing: set here. */
    static final FraudProperties.AdmissionSettings ADMISSION = new FraudProperties.AdmissionSettings(true, 8, 64,
            Duration.ofMillis(250), FraudProperties.Overload.REFUSE, 2, Duration.ofSeconds(1), Duration.ofSeconds(10),
            FraudProperties.RefusalTiming.AT_DEADLINE, 4_000, 2);
    /** No admission stage: a request waits for room in the log as long as its decision timeout. */
    static final FraudProperties.AdmissionSettings ADMISSION_OFF = new FraudProperties.AdmissionSettings(false, 8, 64,
            Duration.ofMillis(250), FraudProperties.Overload.REFUSE, 2, Duration.ofSeconds(1), Duration.ofSeconds(10),
            FraudProperties.RefusalTiming.AT_DEADLINE, 4_000, 2);

    /** Records the batches it is asked to insert; refuses any batch holding a "poison" id. */
    static final class RecordingDecisions extends Decisions {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();

        RecordingDecisions() {
            super(null, null, null);
        }

        @Override
        void insertAll(List<StoredDecision> decisions) {
            List<String> ids = decisions.stream().map(StoredDecision::authorizationId).toList();
            if (ids.stream().anyMatch(id -> id.startsWith("poison"))) {
                throw new IllegalStateException("constraint violated");
            }
            batches.add(ids);
        }
    }

    static final class NoTransactions implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }

    /** Stores decided authorizations as the server does: through the journal (its log, index and id filter). */
    static void store(DecisionJournal journal, List<StoredDecision> rows) throws Exception {
        List<CompletableFuture<StoredDecision>> stored = new java.util.ArrayList<>();
        rows.forEach(row -> stored.add(journal.append(row)));
        for (CompletableFuture<StoredDecision> future : stored) {
            future.get(10, TimeUnit.SECONDS);
        }
        for (StoredDecision row : rows) {
            assertThat(journal.awaitIndexed(row.authorizationId(), Duration.ofSeconds(10))).isTrue();
        }
    }

    private final RecordingDecisions decisions = new RecordingDecisions();
    private final DecisionJournal journal = new DecisionJournal(decisions, new TransactionTemplate(new NoTransactions()),
            new DecisionStatistics(Clock.systemUTC()),
            new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 3, 100, Duration.ofSeconds(5),
                    10, 0, Duration.ofDays(60), Duration.ofMinutes(10), LOG_OFF, ADMISSION), List.of());

    @AfterEach
    void stop() {
        journal.stop();
    }

    @Test
    void completesARequestOnlyAfterItsBatchIsWritten() throws Exception {
        journal.start();
        CompletableFuture<StoredDecision> committed = journal.append(decision("a-1"));
        assertThat(committed.get(5, TimeUnit.SECONDS).authorizationId()).isEqualTo("a-1");
        assertThat(decisions.batches).anySatisfy(batch -> assertThat(batch).contains("a-1"));
    }

    @Test
    void batchesWhatQueuedUpToTheBatchSize() throws Exception {
        List<CompletableFuture<StoredDecision>> futures = new java.util.ArrayList<>();
        // Queued before the writer starts, so they are all waiting when it drains.
        for (int i = 0; i < 7; i++) {
            futures.add(journal.append(decision("b-" + i)));
        }
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompletedExceptionally());

        journal.start();
        futures.clear();
        for (int i = 0; i < 7; i++) {
            futures.add(journal.append(decision("c-" + i)));
        }
        for (CompletableFuture<StoredDecision> future : futures) {
            future.get(5, TimeUnit.SECONDS);
        }
        assertThat(decisions.batches).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(3));
    }

    @Test
    void aBadRowFailsOnlyItsOwnRequest() throws Exception {
        journal.start();
        CompletableFuture<StoredDecision> good = journal.append(decision("good-1"));
        CompletableFuture<StoredDecision> bad = journal.append(decision("poison-1"));
        CompletableFuture<StoredDecision> alsoGood = journal.append(decision("good-2"));

        assertThat(good.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(alsoGood.get(5, TimeUnit.SECONDS)).isNotNull();
        try {
            bad.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).hasMessage("constraint violated");
            return;
        }
        throw new AssertionError("the poisoned row must fail");
    }


    private static StoredDecision decision(String id) {
        Instant now = Instant.now();
        Authorization a = new Authorization(id, "tok", 100, "USD", "m", "5411", "t", "JP", PosEntryMode.CHIP, true,
                now, null, null);
        return new StoredDecision(a, "f", new RiskDecision(id, Decision.APPROVE, 0.1, List.of(), "none", 0, Map.of(),
                1), 1, now);
    }
}
