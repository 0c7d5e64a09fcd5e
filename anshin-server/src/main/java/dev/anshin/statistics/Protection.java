package dev.anshin.statistics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The protection a release applies, recorded with it (no seed: the noise is never reproducible).
 *
 * <p>The guarantee: a release is (ε, δ)-differentially private for adding or removing one cardholder
 * (with all their purchases in the report's months), with ε = {@link #totalEpsilon()} and δ =
 * {@link #delta()}. A cell is released only if its exact count of distinct cardholders is at least k
 * <em>and</em> its noisy count (noise of scale m/ε_threshold) is at least τ = k + j ({@link
 * #threshold()}), j the smallest integer with P(Z ≥ j) ≤ δ/m for that noise. Why δ: the exact-count
 * gate is not differentially private by itself; one cardholder can lift at most m cells from k − 1 to
 * k, and each such cell then passes the noisy threshold with probability at most δ/m, so with
 * probability at least 1 − δ the released cells are those of a pure ε_threshold + ε_value mechanism
 * (noisy counts and values, thresholded as post-processing), and the two data sets' outputs are within
 * e^ε of each other except on an event of probability at most δ.
 *
 * @param measure what the cells count
 * @param thresholdEpsilon ε spent on the noisy count of distinct cardholders that decides whether a
 *     cell is released (and is released as the cell's cardholder count)
 * @param valueEpsilon ε spent on the measure's own noisy value; absent (null) when the measure is the
 *     cardholder count itself
 * @param k a cell is released only when at least k distinct cardholders contribute to it (and its noisy
 *     count reaches τ = k + j)
 * @param cap C: each cardholder's contribution to one cell is clamped to [0, C] (yen for spend,
 *     transactions for a count of transactions; unused for cardholders)
 * @param maxCells m: each cardholder contributes to at most m cells, chosen at random among theirs
 * @param delta δ of the guarantee: the probability that the k gate lets one cardholder be told apart
 */
public record Protection(Measure measure, Epsilon thresholdEpsilon, Epsilon valueEpsilon, int k, long cap,
        int maxCells, Delta delta) {

    /** No cell is released on fewer cardholders than this, whatever a report asks. */
    public static final int K_FLOOR = 5;
    public static final int K_DEFAULT = 10;
    /** At most this many cells per cardholder: beyond it the noise drowns every cell. */
    public static final int MAX_CELLS_LIMIT = 1000;

    public Protection {
        if (measure == null) {
            throw new ProtectionRefused("measure", "is required");
        }
        if (thresholdEpsilon == null) {
            throw new ProtectionRefused("protection.thresholdEpsilon", "is required");
        }
        if (measure == Measure.CARDHOLDERS && valueEpsilon != null) {
            throw new ProtectionRefused("protection.valueEpsilon",
                    "must be absent for CARDHOLDERS: the noisy cardholder count is the released value");
        }
        if (measure != Measure.CARDHOLDERS && valueEpsilon == null) {
            throw new ProtectionRefused("protection.valueEpsilon", "is required for " + measure);
        }
        if (k < K_FLOOR) {
            throw new ProtectionRefused("protection.k", "must be at least " + K_FLOOR);
        }
        if (k > 1_000_000) {
            throw new ProtectionRefused("protection.k", "must be at most 1000000");
        }
        if (cap < 1 || cap > 1_000_000_000L) {
            throw new ProtectionRefused("protection.cap", "must be between 1 and 1000000000");
        }
        if (maxCells < 1 || maxCells > MAX_CELLS_LIMIT) {
            throw new ProtectionRefused("protection.maxCells", "must be between 1 and " + MAX_CELLS_LIMIT);
        }
        if (delta == null) {
            throw new ProtectionRefused("protection.delta", "is required");
        }
    }

    /**
     * τ = k + j: the noisy cardholder count a cell needs (besides an exact count of at least k), j the
     * smallest integer with P(Z ≥ j) ≤ δ/m for the threshold's noise Z (scale m/ε_threshold), computed
     * from the noise's exact distribution ({@link DiscreteLaplace#smallestTailOffset}). A function of
     * the public parameters only.
     */
    public long threshold() {
        return Math.addExact(k, DiscreteLaplace.smallestTailOffset(thresholdEpsilon, countSensitivity(), perCellDelta()));
    }

    /** δ/m, rounded down: the most a cell lifted to k by one cardholder may be released with. */
    BigDecimal perCellDelta() {
        return delta.value().divide(BigDecimal.valueOf(maxCells), new MathContext(60, RoundingMode.FLOOR));
    }

    /** The L1 sensitivity of the cardholder counts: m. */
    public long countSensitivity() {
        return maxCells;
    }

    /** The L1 sensitivity of the measure's values: m·C, or m for cardholders. */
    public long valueSensitivity() {
        return measure.sensitivity(cap, maxCells);
    }

    /** All a release spends from the budget: the threshold's ε plus the value's (sequential composition). */
    public Epsilon totalEpsilon() {
        return valueEpsilon == null ? thresholdEpsilon : thresholdEpsilon.plus(valueEpsilon);
    }
}
