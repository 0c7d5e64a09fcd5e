package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The decision log under the authorizations' retention: the segment being written is emptied once it holds a
 * decision past the period and everything logged is in the database; not while a decision waits for the database,
 * nor while a backup holds the segments, nor for decisions within the period.
 */
class DecisionLogRetentionTest {

    private static final Duration PERIOD = Duration.ofDays(2557);

    @TempDir
    Path directory;

    private DecisionJournal journal;

    @AfterEach
    void stop() {
        if (journal != null) {
            journal.stop();
        }
    }

    private DecisionJournal started(DecisionLogJournalTest.TableDecisions table) {
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 50, 1_000,
                Duration.ofSeconds(5), 10, 0, Duration.ofDays(60), Duration.ofMinutes(10),
                new FraudProperties.DecisionLogSettings(true, directory, false, DataSize.ofMegabytes(64), 50_000, 1_000,
                        Duration.ofMillis(20), DataSize.ofMegabytes(64)), DecisionJournalTest.ADMISSION_OFF);
        journal = new DecisionJournal(table, new TransactionTemplate(new DecisionJournalTest.NoTransactions()),
                new DecisionStatistics(Clock.systemUTC()), properties, List.of());
        journal.afterPropertiesSet();
        journal.start();
        return journal;
    }

    private static StoredDecision occurred(Instant at) {
        String id = "ret-" + UUID.randomUUID();
        return StoredDecisionFixtures.decision(id, "tok-" + id, "m-1", "Shop", at, Decision.APPROVE, 0.1, "test",
                List.of());
    }

    private long logged() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("decisions-")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private void logAndIndex(StoredDecision decision) throws Exception {
        journal.append(decision).get(5, TimeUnit.SECONDS);
        assertThat(journal.awaitIndexed(decision.authorizationId(), Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void emptiesTheLogOnceItHoldsADecisionPastThePeriodThatIsInTheDatabase() throws Exception {
        DecisionLogJournalTest.TableDecisions table = new DecisionLogJournalTest.TableDecisions();
        started(table);
        DecisionLogRetention rule = new DecisionLogRetention(journal, new FraudRetentionProperties(PERIOD));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant cutoff = now.minus(PERIOD);

        logAndIndex(occurred(cutoff.plus(Duration.ofDays(1))));
        assertThat(rule.sweep(cutoff, 500)).as("within the period").isZero();
        assertThat(logged()).isPositive();

        logAndIndex(occurred(cutoff.minus(Duration.ofDays(1))));
        assertThat(rule.sweep(cutoff, 500)).isEqualTo(1);
        assertThat(logged()).isZero();
        assertThat(rule.sweep(cutoff, 500)).as("repeated").isZero();

        // The log goes on as before.
        StoredDecision next = occurred(now);
        logAndIndex(next);
        assertThat(logged()).isPositive();
        assertThat(table.rows).containsKey(next.authorizationId());
    }

    @Test
    void keepsTheLogWhileADecisionWaitsForTheDatabaseOrABackupHoldsIt() throws Exception {
        DecisionLogJournalTest.TableDecisions table = new DecisionLogJournalTest.TableDecisions();
        started(table);
        DecisionLogRetention rule = new DecisionLogRetention(journal, new FraudRetentionProperties(PERIOD));
        Instant cutoff = Instant.now().minus(PERIOD);
        StoredDecision old = occurred(cutoff.minus(Duration.ofDays(1)));

        table.down = true;
        journal.append(old).get(5, TimeUnit.SECONDS);
        assertThat(rule.sweep(cutoff, 500)).as("not in the database yet").isZero();
        assertThat(logged()).isPositive();

        table.down = false;
        assertThat(journal.awaitIndexed(old.authorizationId(), Duration.ofSeconds(10))).isTrue();
        int duringBackup = journal.backUp(() -> rule.sweep(cutoff, 500), (name, length, bytes) -> bytes.readAllBytes());
        assertThat(duringBackup).as("held by a backup").isZero();
        assertThat(logged()).isPositive();

        assertThat(rule.sweep(cutoff, 500)).isEqualTo(1);
        assertThat(logged()).isZero();
    }
}
