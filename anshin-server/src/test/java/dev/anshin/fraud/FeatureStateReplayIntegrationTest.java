package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FeatureStateReplayIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Decisions decisions;

    @Autowired
    DecisionJournal journal;

    @Autowired
    FraudLabels labels;

    @Autowired
    DecisionStatistics statistics;

    @Autowired
    FraudProperties properties;

    @Autowired
    PaymentDataConversion conversion;

    @Test
    void streamsHistoryInsideATransactionSoPostgresqlFetchesItInBatches() throws Exception {
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        Authorization a = new Authorization(newId("stream"), "tok_stream-" + newId("c"), 500, "JPY", "m-s", "5411",
                "t-s", "JP", PosEntryMode.CHIP, true, at, null, null);
        DecisionJournalTest.store(journal, List.of(new StoredDecision(a, "f", new RiskDecision(a.authorizationId(),
                Decision.APPROVE, 0, List.of(), "none", 0, Map.of(), 1), 1, at)));
        List<Boolean> inTransaction = new ArrayList<>();

        decisions.forEachOccurred(at, at.plusSeconds(1), row -> inTransaction.add(
                org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()));

        assertThat(inTransaction).containsExactly(true);
    }

    @Test
    void replayRebuildsCardHistoryAndLabelsFromTheJournal() throws Exception {
        String card = "tok_replay-" + newId("c");
        String terminal = newId("t");
        Instant now = Instant.now();
        List<StoredDecision> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = now.minus(Duration.ofDays(10)).plus(Duration.ofHours(i));
            Authorization a = new Authorization(newId("r"), card, 1000, "USD", "m-r", "5411", terminal, "JP",
                    PosEntryMode.CHIP, true, at, null, null);
            rows.add(new StoredDecision(a, "f", new RiskDecision(a.authorizationId(), Decision.APPROVE, 0, List.of(),
                    "none", 0, Map.of(), 1), 1, at));
        }
        DecisionJournalTest.store(journal, rows);
        labels.record(rows.get(0).authorizationId(), FraudLabels.Source.ISSUER, true, null);

        // A fresh engine, as after a restart.
        ScoringEngine restarted = new ScoringEngine(new FeatureEngine(new FeatureConfig(properties.labelDelay(),
                FeatureConfig.defaults().idleEviction())), null, RuleSet.EMPTY, DecisionPolicy.defaults());
        new FeatureStateReplay(restarted, decisions, labels, statistics, properties, Clock.systemUTC(), conversion)
                .afterSingletonsInstantiated();

        // After the label became known (features count in seconds, so not at the test's start).
        Authorization probe = new Authorization(newId("p"), card, 1000, "USD", "m-r", "5411", terminal, "JP",
                PosEntryMode.CHIP, true, Instant.now().plusSeconds(1), null, null);
        var features = restarted.features().observe(probe);
        assertThat(features.value("card_tx_count_30d")).isEqualTo(6f);
        assertThat(features.value("terminal_fraud_ratio_30d")).isGreaterThan(0f);
    }
}
