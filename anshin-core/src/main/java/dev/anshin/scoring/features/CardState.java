package dev.anshin.scoring.features;

import java.util.Arrays;

/**
 * One card's recent transactions (per event, 30 days, capped), the terminals and devices it used,
 * and its known frauds. Guarded by its own lock.
 */
final class CardState extends KeyState {

    static final long HISTORY_SECONDS = 30L * 86_400;
    /** A card above this many transactions in 30 days is abusive anyway; older ones are dropped. */
    static final int MAX_EVENTS = 2048;
    /** The card's typical amount is the median of at most this many of its latest events. */
    static final int MEDIAN_EVENTS = 256;

    private long[] time = new long[8];
    private double[] amount = new double[8];
    private int start;
    private int end;

    final RecentKeys terminals;
    final RecentKeys devices;
    final FraudMarks frauds = new FraudMarks();

    CardState(long keyRetentionSeconds) {
        terminals = new RecentKeys(512, keyRetentionSeconds);
        devices = new RecentKeys(64, keyRetentionSeconds);
    }

    /** Aggregates over events at or before {@code now} (the current transaction not yet added). */
    void history(long now, double[] out) {
        // out: count1h, sum1h, count1d, sum1d, count7d, sum7d, count30d, sum30d, sumSq30d, previousTime
        Arrays.fill(out, 0);
        out[9] = Double.NaN;
        for (int i = end - 1; i >= start; i--) {
            long dt = now - time[i];
            if (dt < 0) {
                continue; // later transaction that arrived first: not part of this one's past
            }
            if (dt >= HISTORY_SECONDS) {
                break;
            }
            double a = amount[i];
            if (Double.isNaN(out[9])) {
                out[9] = time[i];
            }
            if (dt < 3_600) {
                out[0]++;
                out[1] += a;
            }
            if (dt < 86_400) {
                out[2]++;
                out[3] += a;
            }
            if (dt < 7 * 86_400) {
                out[4]++;
                out[5] += a;
            }
            out[6]++;
            out[7] += a;
            out[8] += a * a;
        }
    }

    /** Events in (now − window, now] with an amount above {@code threshold}. */
    int countAbove(long now, long windowSeconds, double threshold) {
        int n = 0;
        for (int i = end - 1; i >= start; i--) {
            long dt = now - time[i];
            if (dt >= windowSeconds) {
                break;
            }
            if (dt >= 0 && amount[i] > threshold) {
                n++;
            }
        }
        return n;
    }

    /**
     * Median amount of the latest {@value #MEDIAN_EVENTS} events in (now − 30 days, now]; NaN without
     * any. The bound keeps the sort cheap on a card at {@link #MAX_EVENTS}; an ordinary card has far
     * fewer events in 30 days, so for it this is the median of all of them.
     */
    double medianAmount(long now) {
        int n = 0;
        double[] values = new double[Math.min(end - start, MEDIAN_EVENTS)];
        for (int i = end - 1; i >= start && n < values.length; i--) {
            long dt = now - time[i];
            if (dt >= HISTORY_SECONDS) {
                break;
            }
            if (dt >= 0) {
                values[n++] = amount[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    void add(long second, double value) {
        if (end == time.length) {
            compact();
        }
        int pos = end;
        while (pos > start && time[pos - 1] > second) {
            pos--;
        }
        System.arraycopy(time, pos, time, pos + 1, end - pos);
        System.arraycopy(amount, pos, amount, pos + 1, end - pos);
        time[pos] = second;
        amount[pos] = value;
        end++;
        long newest = time[end - 1];
        while (start < end - 1 && (time[start] <= newest - HISTORY_SECONDS || end - start > MAX_EVENTS)) {
            start++;
        }
    }

    int events() {
        return end - start;
    }

    private void compact() {
        int size = end - start;
        if (start > 0 && size <= time.length / 2) {
            System.arraycopy(time, start, time, 0, size);
            System.arraycopy(amount, start, amount, 0, size);
        } else {
            int capacity = Math.max(8, size * 2);
            time = Arrays.copyOfRange(time, start, start + capacity);
            amount = Arrays.copyOfRange(amount, start, start + capacity);
        }
        start = 0;
        end = size;
    }
}
