package dev.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.fraud.DecisionStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate chart's scale: a surge is cut at the top, a steady or growing flow is not. */
class LiveStatisticsTest {

    private static LiveStatistics of(long... totals) {
        List<DecisionStatistics.Minute> minutes = new ArrayList<>();
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        for (int i = 0; i < totals.length; i++) {
            minutes.add(new DecisionStatistics.Minute(start.plusSeconds(60L * i), totals[i], 0, 0));
        }
        return LiveStatistics.of(new DecisionStatistics.Snapshot(start, minutes, new long[20]));
    }

    @Test
    void aSteadyFlowFitsUnderANiceTopWithNothingCut() {
        LiveStatistics stats = of(280, 300, 310, 295, 305, 0, 290);
        assertThat(stats.rateAxisMax()).isEqualTo(500);
        assertThat(stats.clippedMinutes()).isZero();
        assertThat(stats.busiestMinute()).isEqualTo(310);
    }

    @Test
    void aReplaySpikeIsCutSoOrdinaryMinutesKeepTheirHeight() {
        LiveStatistics stats = of(300, 310, 290, 20_000, 18_500, 305, 300, 295);
        assertThat(stats.rateAxisMax()).isEqualTo(1_000); // 3 × the 75th percentile 310 is 930, the nice number above it 1,000
        assertThat(stats.clippedMinutes()).isEqualTo(2);
        assertThat(stats.busiestMinute()).isEqualTo(20_000);
        // an ordinary minute takes about 30 % of the height, not 1.5 %
        assertThat(300.0 / stats.rateAxisMax()).isGreaterThan(0.25);
    }

    @Test
    void aFlowThatGrowsSteadilyIsNotCut() {
        LiveStatistics stats = of(100, 120, 150, 180, 220, 260);
        assertThat(stats.clippedMinutes()).isZero();
        assertThat(stats.rateAxisMax()).isEqualTo(500);
    }

    @Test
    void ordinaryTrafficAfterAQuietSpellIsNotTakenForASurge() {
        // The median of the active minutes would be 5 (axis 20, four minutes cut); the 75th percentile is 100.
        LiveStatistics stats = of(5, 5, 5, 5, 5, 5, 5, 5, 100, 110, 120, 100);
        assertThat(stats.clippedMinutes()).isZero();
        assertThat(stats.rateAxisMax()).isEqualTo(200);
    }

    @Test
    void whenEveryMinuteIsBusyTheBusyLevelIsTheScale() {
        LiveStatistics stats = of(20_000, 19_000, 21_000);
        assertThat(stats.rateAxisMax()).isEqualTo(50_000);
        assertThat(stats.clippedMinutes()).isZero();
    }

    @Test
    void noDecisionsGiveAnAxisOfOne() {
        assertThat(of(0, 0, 0).rateAxisMax()).isEqualTo(1);
        assertThat(of().rateAxisMax()).isEqualTo(1);
    }

    @Test
    void niceNumbersAndPowersOfTen() {
        assertThat(LiveStatistics.niceAtOrAbove(0)).isEqualTo(1);
        assertThat(LiveStatistics.niceAtOrAbove(3)).isEqualTo(5);
        assertThat(LiveStatistics.niceAtOrAbove(11)).isEqualTo(20);
        assertThat(LiveStatistics.niceAtOrAbove(200)).isEqualTo(200);
        assertThat(LiveStatistics.powerOfTenAtOrAbove(0)).isEqualTo(10);
        assertThat(LiveStatistics.powerOfTenAtOrAbove(101)).isEqualTo(1_000);
    }
}
