package dev.anshin.fraud;

import dev.anshin.scoring.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Live figures for the console: decisions per minute over the last half hour and a score histogram,
 * kept in memory (a ring of per-minute buckets) so polling never queries the journal table.
 */
@Component
public class DecisionStatistics {

    public static final int MINUTES = 30;
    public static final int SCORE_BINS = 20;

    private final Clock clock;
    private final long[] minuteOf = new long[MINUTES];
    private final long[][] counts = new long[MINUTES][Decision.values().length];
    private final long[][] histogram = new long[MINUTES][SCORE_BINS];

    DecisionStatistics(Clock clock) {
        this.clock = clock;
    }

    /** Counts by decision in one minute. */
    public record Minute(Instant start, long approved, long reviewed, long declined) {
    }

    /** A snapshot of the last {@link #MINUTES} minutes, oldest minute first. */
    public record Snapshot(Instant at, List<Minute> minutes, long[] scoreHistogram) {
    }

    synchronized void record(StoredDecision stored) {
        long minute = stored.decidedAt().getEpochSecond() / 60;
        long now = clock.instant().getEpochSecond() / 60;
        if (minute <= now - MINUTES) {
            return;
        }
        int slot = (int) Math.floorMod(minute, (long) MINUTES);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            java.util.Arrays.fill(counts[slot], 0);
            java.util.Arrays.fill(histogram[slot], 0);
        }
        counts[slot][stored.decision().decision().ordinal()]++;
        if (stored.decision().byRulesAlone()) {
            return; // no score: the model was skipped, or none was active
        }
        int bin = (int) Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(stored.decision().score() * SCORE_BINS)));
        histogram[slot][bin]++;
    }

    public synchronized Snapshot snapshot() {
        Instant at = clock.instant();
        long now = at.getEpochSecond() / 60;
        List<Minute> minutes = new ArrayList<>(MINUTES);
        long[] scores = new long[SCORE_BINS];
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int slot = (int) Math.floorMod(minute, (long) MINUTES);
            Instant start = Instant.ofEpochSecond(minute * 60);
            if (minuteOf[slot] == minute) {
                long[] c = counts[slot];
                minutes.add(new Minute(start, c[Decision.APPROVE.ordinal()], c[Decision.REVIEW.ordinal()],
                        c[Decision.DECLINE.ordinal()]));
                for (int b = 0; b < SCORE_BINS; b++) {
                    scores[b] += histogram[slot][b];
                }
            } else {
                minutes.add(new Minute(start, 0, 0, 0));
            }
        }
        return new Snapshot(at, minutes, scores);
    }

    static Duration window() {
        return Duration.ofMinutes(MINUTES);
    }
}
