package dev.anshin.console;

import dev.anshin.fraud.DecisionStatistics;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What the console's live charts draw (/console/api/stats): the last half hour's decisions per
 * minute and score histogram, with the rate chart's vertical scale chosen here so that a surge (a
 * replay of history, a card-testing burst) does not flatten every ordinary minute to nothing.
 *
 * <p>The scale: the nice number (1, 2 or 5 × 10ⁿ) at or above the smaller of the busiest minute and
 * three times the 75th percentile of the minutes that had decisions. The 75th percentile, not the
 * median, so that after a quiet spell (a few slow minutes) the busier ordinary minutes set the
 * scale and are not taken for a surge. A surge of a few minutes (under a quarter of the active
 * minutes) does not move that percentile, so it is cut at the top (marked, its true count written
 * above it and in the summary) and the ordinary minutes keep most of the height. A flow that grows
 * fast enough for its busiest minute to exceed three times that percentile is cut too: the chart
 * then says so rather than flattening the rest.
 *
 * @param at              when the snapshot was taken
 * @param minutes         the last {@link DecisionStatistics#MINUTES} minutes, oldest first
 * @param scoreHistogram  scored decisions of those minutes by score, {@link DecisionStatistics#SCORE_BINS} bins
 * @param rateAxisMax     the top of the rate chart's vertical axis, decisions per minute
 * @param clippedMinutes  how many minutes go above it
 * @param busiestMinute   the most decisions in one minute
 * @param histogramAxisMax the top of the histogram's log axis, a power of ten
 */
record LiveStatistics(Instant at, List<DecisionStatistics.Minute> minutes, long[] scoreHistogram, long rateAxisMax,
        int clippedMinutes, long busiestMinute, long histogramAxisMax) {

    /** A surge is a minute above this many times the 75th-percentile minute. */
    static final int SURGE_FACTOR = 3;

    static LiveStatistics of(DecisionStatistics.Snapshot snapshot) {
        long[] totals = snapshot.minutes().stream().mapToLong(LiveStatistics::total).toArray();
        long busiest = Arrays.stream(totals).max().orElse(0);
        long axis = rateAxisMax(totals);
        int clipped = (int) Arrays.stream(totals).filter(t -> t > axis).count();
        long biggestBin = Arrays.stream(snapshot.scoreHistogram()).max().orElse(0);
        return new LiveStatistics(snapshot.at(), snapshot.minutes(), snapshot.scoreHistogram(), axis, clipped, busiest,
                powerOfTenAtOrAbove(biggestBin));
    }

    static long total(DecisionStatistics.Minute minute) {
        return minute.approved() + minute.reviewed() + minute.declined();
    }

    /** The rate chart's top: see the class comment. At least 1. */
    static long rateAxisMax(long[] totals) {
        long busiest = Arrays.stream(totals).max().orElse(0);
        long[] active = Arrays.stream(totals).filter(t -> t > 0).sorted().toArray();
        if (active.length == 0) {
            return 1;
        }
        // The 75th percentile (nearest rank) of the minutes with decisions.
        long p75 = active[(int) Math.ceil(active.length * 0.75) - 1];
        return niceAtOrAbove(Math.min(busiest, SURGE_FACTOR * p75));
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… at or above {@code value}. */
    static long niceAtOrAbove(long value) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= value) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }

    /** 10, 100, 1000… the smallest power of ten at or above {@code value} (at least 10). */
    static long powerOfTenAtOrAbove(long value) {
        long power = 10;
        while (power < value) {
            power *= 10;
        }
        return power;
    }
}
