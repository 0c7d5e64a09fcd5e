package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.cards.Card;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.RetryLater;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class AuthorizationScoringTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Card CARD = new Card("tok_card", "498765", "0005", Card.Status.ACTIVE, NOW, null);

    /** A database whose first {@code failures} commits fail, like a full disk that recovers. */
    static final class FlakyDecisions extends Decisions {
        final Map<String, StoredDecision> rows = new ConcurrentHashMap<>();
        final AtomicInteger failures;

        FlakyDecisions(int failures) {
            super(null, null, null);
            this.failures = new AtomicInteger(failures);
        }

        @Override
        void insertAll(List<StoredDecision> decisions) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("disk full");
            }
            decisions.forEach(d -> rows.put(d.authorizationId(), d));
        }

        @Override
        public Optional<StoredDecision> find(String authorizationId) {
            return Optional.ofNullable(rows.get(authorizationId));
        }
    }

    private final FlakyDecisions decisions = new FlakyDecisions(2); // the batch, then its row-by-row retry
    private final FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35),
            10, 100, Duration.ofSeconds(5), 100, 0, Duration.ofDays(60), Duration.ofMinutes(10), DecisionJournalTest.LOG_OFF,
            DecisionJournalTest.ADMISSION);
    private final DecisionJournal journal = new DecisionJournal(decisions,
            new TransactionTemplate(new DecisionJournalTest.NoTransactions()), new DecisionStatistics(Clock.systemUTC()),
            properties, List.of());
    private final ScoringEngine engine = new ScoringEngine(new FeatureEngine(FeatureConfig.defaults()), null,
            RuleSet.EMPTY, DecisionPolicy.defaults());
    private final AuthorizationScoring scoring = new AuthorizationScoring(engine, journal,
            Clock.fixed(NOW, java.time.ZoneOffset.UTC), properties);

    @AfterEach
    void stop() {
        journal.stop();
    }

    @Test
    void retryAfterAFailedCommitRecordsTheSameDecisionWithoutScoringAgain() {
        journal.start();
        Authorization first = authorization("a-1", NOW.minusSeconds(60));

        assertThatThrownBy(() -> scoring.decide(first, CARD, System.nanoTime())).isInstanceOf(RequestProblem.class);
        StoredDecision recorded = scoring.decide(first, CARD, System.nanoTime());

        assertThat(decisions.rows).containsKey("a-1");
        assertThat(recorded.decision()).isEqualTo(decisions.rows.get("a-1").decision());
        // The card's history holds the first authorization once, plus the probe itself.
        float cardCount = engine.features().observe(authorization("probe", NOW)).value("card_tx_count_1d");
        assertThat(cardCount).isEqualTo(2f);
    }

    /** A database whose commits wait until {@code open} is counted down, like a disk that stalls. */
    static final class StalledDecisions extends Decisions {
        final Map<String, StoredDecision> rows = new ConcurrentHashMap<>();
        final CountDownLatch open = new CountDownLatch(1);

        StalledDecisions() {
            super(null, null, null);
        }

        @Override
        void insertAll(List<StoredDecision> decisions) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            decisions.forEach(d -> rows.put(d.authorizationId(), d));
        }

        @Override
        public Optional<StoredDecision> find(String authorizationId) {
            return Optional.ofNullable(rows.get(authorizationId));
        }
    }

    @Test
    void aDecisionNotDurableByTheDeadlineIsRefusedRetriablyAndTheRetryGetsTheSameDecision() throws Exception {
        StalledDecisions stalled = new StalledDecisions();
        // decision-timeout of an hour: only the admission deadline (250 ms) can end the wait.
        FraudProperties patient = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 10, 100,
                Duration.ofHours(1), 100, 0, Duration.ofDays(60), Duration.ofMinutes(10), DecisionJournalTest.LOG_OFF,
                DecisionJournalTest.ADMISSION);
        DecisionJournal slowJournal = new DecisionJournal(stalled,
                new TransactionTemplate(new DecisionJournalTest.NoTransactions()),
                new DecisionStatistics(Clock.systemUTC()), patient, List.of());
        ScoringEngine ownEngine = new ScoringEngine(new FeatureEngine(FeatureConfig.defaults()), null, RuleSet.EMPTY,
                DecisionPolicy.defaults());
        AuthorizationScoring slow = new AuthorizationScoring(ownEngine, slowJournal,
                Clock.fixed(NOW, java.time.ZoneOffset.UTC), patient);
        slowJournal.start();
        try {
            Authorization first = authorization("a-slow", NOW.minusSeconds(60));
            long admitted = System.nanoTime();

            assertThatThrownBy(() -> slow.decide(first, CARD, admitted, admitted, false))
                    .isInstanceOfSatisfying(RetryLater.class, refused -> {
                        assertThat(refused.type()).isEqualTo(ProblemType.UNAVAILABLE);
                        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    });
            // Not acknowledged, and not durable either at that point.
            assertThat(stalled.rows).isEmpty();

            stalled.open.countDown();
            long retried = System.nanoTime();
            StoredDecision recorded = slow.decide(first, CARD, retried, retried, false);

            assertThat(stalled.rows).containsOnlyKeys("a-slow");
            assertThat(recorded.decision()).isEqualTo(stalled.rows.get("a-slow").decision());
            // Scored once: the card's history holds the authorization once, plus the probe itself.
            assertThat(ownEngine.features().observe(authorization("probe", NOW)).value("card_tx_count_1d"))
                    .isEqualTo(2f);
        } finally {
            stalled.open.countDown();
            slowJournal.stop();
        }
    }

    @Test
    void fingerprintIsEqualExactlyWhenTheRequestsAreEqual() {
        Authorization a = browser("ua", "ja-JP");

        assertThat(AuthorizationScoring.fingerprint(a)).isEqualTo(AuthorizationScoring.fingerprint(browser("ua", "ja-JP")))
                .hasSize(64);
        assertThat(AuthorizationScoring.fingerprint(a)).isNotEqualTo(AuthorizationScoring.fingerprint(browser("ua", "en")));
        assertThat(AuthorizationScoring.fingerprint(authorization("a-1", NOW)))
                .isNotEqualTo(AuthorizationScoring.fingerprint(authorization("a-1", NOW.plusSeconds(1))));
        // Field boundaries cannot be shifted by what a field holds.
        assertThat(AuthorizationScoring.fingerprint(browser("x\u001F", "y")))
                .isNotEqualTo(AuthorizationScoring.fingerprint(browser("x", "\u001Fy")));
        assertThat(AuthorizationScoring.fingerprint(browser("", null)))
                .isNotEqualTo(AuthorizationScoring.fingerprint(browser(null, "")));
    }

    private static Authorization browser(String userAgent, String language) {
        return new Authorization("a-2", CARD.token(), 5_000, "JPY", "M1", "5411", "T1", "JP", PosEntryMode.ECOMMERCE,
                false, NOW, new DeviceData("d-1", "02", userAgent, language, -540, 1920, 1080), "203.0.113.7");
    }

    private static Authorization authorization(String id, Instant at) {
        return new Authorization(id, CARD.token(), 5_000, "JPY", "M1", "5411", "T1", "JP", PosEntryMode.CHIP, true,
                at, null, null);
    }
}
