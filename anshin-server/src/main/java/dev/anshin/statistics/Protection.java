package dev.anshin.statistics;

/**
 * The protection a release applies, recorded with it (no seed: the noise is never reproducible).
 *
 * @param measure what the cells count
 * @param thresholdEpsilon ε spent on the noisy count of distinct cardholders that decides whether a
 *     cell is released (and is released as the cell's cardholder count)
 * @param valueEpsilon ε spent on the measure's own noisy value; absent (null) when the measure is the
 *     cardholder count itself
 * @param k a cell is released only when its noisy cardholder count is at least k
 * @param cap C: each cardholder's contribution to one cell is clamped to [0, C] (yen for spend,
 *     transactions for a count of transactions; unused for cardholders)
 * @param maxCells m: each cardholder contributes to at most m cells, chosen at random among theirs
 */
public record Protection(Measure measure, Epsilon thresholdEpsilon, Epsilon valueEpsilon, int k, long cap,
        int maxCells) {

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
