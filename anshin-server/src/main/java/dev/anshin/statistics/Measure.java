package dev.anshin.statistics;

/** What a report counts in each cell. */
public enum Measure {
    /** Spend in yen: each cardholder's spend in a cell clamped to [0, C]. */
    SPEND,
    /** Number of transactions: each cardholder's count in a cell clamped to [0, C]. */
    TRANSACTIONS,
    /** Number of distinct cardholders: each counts once in each of at most m cells. */
    CARDHOLDERS;

    /**
     * The L1 sensitivity of the whole table: how much one cardholder, added or removed, can move the
     * sum of all its pre-noise values. At most m cells per cardholder, each moved by at most C (a sum
     * or a count of transactions) or by 1 (a count of cardholders).
     */
    public long sensitivity(long cap, int maxCells) {
        return this == CARDHOLDERS ? maxCells : Math.multiplyExact(cap, maxCells);
    }
}
