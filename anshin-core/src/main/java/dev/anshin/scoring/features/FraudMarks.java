package dev.anshin.scoring.features;

import java.util.Arrays;

/**
 * Known frauds of one key: transaction time and the time the label became known. Queries count a
 * fraud only if it was known at the query time, so learning labels early never leaks into the
 * past. Bounded by a retention over transaction time and a hard cap. Guarded by the owner's lock.
 */
final class FraudMarks {

    static final int MAX_MARKS = 4096;

    private long[] txTime = new long[0];
    private long[] knownAt = new long[0];
    private int size;

    void add(long txSecond, long knownAtSecond) {
        if (size == txTime.length) {
            int capacity = Math.max(4, size * 2);
            txTime = Arrays.copyOf(txTime, capacity);
            knownAt = Arrays.copyOf(knownAt, capacity);
        }
        txTime[size] = txSecond;
        knownAt[size] = knownAtSecond;
        size++;
        if (size > MAX_MARKS) {
            dropOldest();
        }
    }

    void pruneTransactionsBefore(long second) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (txTime[i] >= second) {
                txTime[kept] = txTime[i];
                knownAt[kept] = knownAt[i];
                kept++;
            }
        }
        size = kept;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Frauds known at {@code now} whose transaction lies in (fromExclusive, toInclusive]. */
    int knownBetween(long now, long fromExclusive, long toInclusive) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (knownAt[i] <= now && txTime[i] > fromExclusive && txTime[i] <= toInclusive) {
                n++;
            }
        }
        return n;
    }

    /** Transaction time of the earliest fraud known at {@code now} with a transaction at or after {@code from}, or Long.MAX_VALUE. */
    long earliestKnown(long now, long from) {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            if (knownAt[i] <= now && txTime[i] >= from && txTime[i] < earliest) {
                earliest = txTime[i];
            }
        }
        return earliest;
    }

    /** Transaction time of the latest fraud known at {@code now} with a transaction in [from, now], or Long.MIN_VALUE. */
    long latestKnown(long now, long from) {
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (knownAt[i] <= now && txTime[i] >= from && txTime[i] <= now && txTime[i] > latest) {
                latest = txTime[i];
            }
        }
        return latest;
    }

    private void dropOldest() {
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            if (txTime[i] < txTime[oldest]) {
                oldest = i;
            }
        }
        txTime[oldest] = txTime[size - 1];
        knownAt[oldest] = knownAt[size - 1];
        size--;
    }
}
