package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionStatisticsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");
    private final DecisionStatistics statistics = new DecisionStatistics(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsDecisionsPerMinuteAndScores() {
        statistics.record(decided(Decision.APPROVE, 0.01, NOW));
        statistics.record(decided(Decision.DECLINE, 0.97, NOW.minusSeconds(10)));
        statistics.record(decided(Decision.REVIEW, 0.6, NOW.minus(Duration.ofMinutes(5))));

        DecisionStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.minutes()).hasSize(30);
        DecisionStatistics.Minute last = snapshot.minutes().get(29);
        assertThat(last.approved()).isEqualTo(1);
        assertThat(last.declined()).isEqualTo(1);
        assertThat(snapshot.minutes().get(24).reviewed()).isEqualTo(1);
        assertThat(snapshot.scoreHistogram()[0]).isEqualTo(1);
        assertThat(snapshot.scoreHistogram()[19]).isEqualTo(1);
        assertThat(snapshot.scoreHistogram()[12]).isEqualTo(1);
    }

    @Test
    void countsDecisionsWithoutAScoreButLeavesThemOutOfTheHistogram() {
        for (String version : List.of(ScoringEngine.NO_MODEL, ScoringEngine.RULES_ONLY)) {
            statistics.record(decided(Decision.APPROVE, 0.0, NOW, version));
        }

        DecisionStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.minutes().get(29).approved()).isEqualTo(2);
        assertThat(snapshot.scoreHistogram()).containsOnly(0L);
    }

    @Test
    void ignoresDecisionsOlderThanTheWindow() {
        statistics.record(decided(Decision.APPROVE, 0.1, NOW.minus(Duration.ofMinutes(31))));
        assertThat(statistics.snapshot().minutes()).allSatisfy(m -> assertThat(m.approved()).isZero());
    }

    private static StoredDecision decided(Decision decision, double score, Instant at) {
        return decided(decision, score, at, "model-1");
    }

    private static StoredDecision decided(Decision decision, double score, Instant at, String modelVersion) {
        Authorization a = new Authorization("a", "tok", 100, "USD", "m", "5411", "t", "JP", PosEntryMode.CHIP, true,
                at, null, null);
        return new StoredDecision(a, "f", new RiskDecision("a", decision, score, List.of(), modelVersion, 0, Map.of(), 1),
                1, at);
    }
}
