package dev.anshin.scoring.features;

import java.util.Arrays;

/**
 * Transaction counts of one key in sparse fixed-width time buckets, with cumulative sums so any
 * window count is two binary searches. Buckets older than the retention are dropped on every add,
 * so the size is bounded by retention / width. Not thread-safe: the owning state's lock guards it.
 */
final class CountSeries {

    private final long widthSeconds;
    private final long retentionSeconds;
    private long[] bucket = new long[8];
    // cum[i] = number of events in all buckets up to and including i since the series began
    private long[] cum = new long[8];
    private int start;
    private int end;
    private long base;

    CountSeries(long widthSeconds, long retentionSeconds) {
        this.widthSeconds = widthSeconds;
        this.retentionSeconds = retentionSeconds;
    }

    void add(long epochSecond) {
        long b = Math.floorDiv(epochSecond, widthSeconds);
        if (end > start && bucket[end - 1] == b) {
            cum[end - 1]++;
        } else if (end == start || bucket[end - 1] < b) {
            ensureCapacity();
            cum[end] = (end > start ? cum[end - 1] : base) + 1;
            bucket[end++] = b;
        } else {
            addOutOfOrder(b);
        }
        prune(Math.floorDiv(newestSecond() - retentionSeconds, widthSeconds));
    }

    // Late arrivals (clock skew between acquirers) are rare: shifting a few buckets is fine.
    private void addOutOfOrder(long b) {
        // Before the search: making room may move the live buckets back to index 0.
        ensureCapacity();
        int pos = firstAbove(b - 1);
        if (pos == start && pos < end && bucket[pos] > b
                && b < Math.floorDiv(newestSecond() - retentionSeconds, widthSeconds)) {
            return; // older than the retention: nothing would ever read it
        }
        if (pos < end && bucket[pos] == b) {
            for (int i = pos; i < end; i++) {
                cum[i]++;
            }
            return;
        }
        System.arraycopy(bucket, pos, bucket, pos + 1, end - pos);
        System.arraycopy(cum, pos, cum, pos + 1, end - pos);
        end++;
        bucket[pos] = b;
        cum[pos] = (pos > start ? cum[pos - 1] : base) + 1;
        for (int i = pos + 1; i < end; i++) {
            cum[i]++;
        }
    }

    /** Events in buckets whose time lies in (fromExclusive, toInclusive], at bucket resolution. */
    long count(long fromExclusiveSecond, long toInclusiveSecond) {
        if (toInclusiveSecond <= fromExclusiveSecond) {
            return 0;
        }
        return cumulativeUpTo(Math.floorDiv(toInclusiveSecond, widthSeconds))
                - cumulativeUpTo(Math.floorDiv(fromExclusiveSecond, widthSeconds));
    }

    /** Events in buckets whose time lies in [fromInclusive, toInclusive], at bucket resolution. */
    long countInclusive(long fromInclusiveSecond, long toInclusiveSecond) {
        if (toInclusiveSecond < fromInclusiveSecond) {
            return 0;
        }
        return cumulativeUpTo(Math.floorDiv(toInclusiveSecond, widthSeconds))
                - cumulativeUpTo(Math.floorDiv(fromInclusiveSecond, widthSeconds) - 1);
    }

    /** Start of the latest non-empty bucket strictly before the bucket of {@code second}, or Long.MIN_VALUE. */
    long latestBucketStartBefore(long second) {
        int pos = firstAbove(Math.floorDiv(second, widthSeconds) - 1) - 1;
        return pos >= start ? bucket[pos] * widthSeconds : Long.MIN_VALUE;
    }

    int buckets() {
        return end - start;
    }

    private long newestSecond() {
        return bucket[end - 1] * widthSeconds + widthSeconds - 1;
    }

    private long cumulativeUpTo(long b) {
        int pos = firstAbove(b);
        return pos > start ? cum[pos - 1] : base;
    }

    /** Index of the first bucket with index greater than {@code b}, or {@code end}. */
    private int firstAbove(long b) {
        int lo = start;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bucket[mid] <= b) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void prune(long oldestKeptBucket) {
        while (start < end - 1 && bucket[start] < oldestKeptBucket) {
            base = cum[start];
            start++;
        }
    }

    private void ensureCapacity() {
        if (end < bucket.length) {
            return;
        }
        int size = end - start;
        if (start > 0 && size <= bucket.length / 2) {
            System.arraycopy(bucket, start, bucket, 0, size);
            System.arraycopy(cum, start, cum, 0, size);
        } else {
            bucket = Arrays.copyOfRange(bucket, start, start + Math.max(8, size * 2));
            cum = Arrays.copyOfRange(cum, start, start + Math.max(8, size * 2));
        }
        start = 0;
        end = size;
    }
}
