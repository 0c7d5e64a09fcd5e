package dev.anshin.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Adds up cardholders' contributions with each one bounded, then releases the table with noise and the
 * k threshold (exact count at least k, noisy count at least τ: {@link Protection}). A cardholder is handed over once, with all their cells: at most m of them are kept (a
 * uniform random choice, so which cells survive says nothing about the data), each value clamped to
 * [0, C]. Removing or adding one cardholder therefore moves the pre-noise sums by at most m·C in total
 * (m for cardholder counts), the sensitivity the noise is calibrated to.
 */
public final class BoundedAggregation {

    private final Protection protection;
    /** Per cell: [0] the sum of clamped values, [1] the distinct cardholders. */
    private final Map<Cell, long[]> sums = new HashMap<>();

    public BoundedAggregation(Protection protection) {
        this.protection = protection;
    }

    /**
     * One cardholder's raw values by cell (their spend or transaction count there; ignored for a
     * count of cardholders). The choice among more than m cells draws from {@code selection}.
     */
    public void addCardholder(Map<Cell, Long> values, RandomGenerator selection) {
        if (values.isEmpty()) {
            return;
        }
        List<Map.Entry<Cell, Long>> kept = new ArrayList<>(values.entrySet());
        int m = protection.maxCells();
        if (kept.size() > m) {
            // partial Fisher–Yates: the first m places get a uniform random m-subset
            for (int i = 0; i < m; i++) {
                int j = i + selection.nextInt(kept.size() - i);
                var swap = kept.get(i);
                kept.set(i, kept.get(j));
                kept.set(j, swap);
            }
            kept = kept.subList(0, m);
        }
        for (var entry : kept) {
            long[] cell = sums.computeIfAbsent(entry.getKey(), c -> new long[2]);
            cell[0] += clamp(entry.getValue());
            cell[1] += 1;
        }
    }

    private long clamp(long value) {
        if (protection.measure() == Measure.CARDHOLDERS) {
            return 1;
        }
        return Math.max(0, Math.min(protection.cap(), value));
    }

    /** The bounded, pre-noise value of a cell: never released, for tests of the bound. */
    long preNoiseValue(Cell cell) {
        long[] sum = sums.get(cell);
        return sum == null ? 0 : sum[0];
    }

    /** The true distinct-cardholder count of a cell: never released, for tests. */
    long preNoiseCardholders(Cell cell) {
        long[] sum = sums.get(cell);
        return sum == null ? 0 : sum[1];
    }

    /**
     * Releases the table over the whole domain of cells, which the report's definition fixes before
     * any data is read: a cell nobody falls in is noised like any other. A cell is released only if at
     * least k distinct cardholders contribute to it (exact count) and its noisy count, with noise of
     * scale m/ε_threshold, is at least τ = k + j ({@link Protection#threshold()}); otherwise it is
     * suppressed, with no number at all. So no cell of fewer than k cardholders is ever shown, and the
     * release is (ε, δ)-differentially private ({@link Protection}). A released cell's value gets noise
     * of scale m·C/ε_value (cardholder counts: the noisy count itself, at least τ). Negative noisy
     * values are clamped to 0 and totals are summed from released cells (post-processing).
     */
    public ReleasedTable release(List<String> dimensions, List<Cell> domain, DiscreteLaplace noise) {
        java.util.Objects.requireNonNull(noise);
        return release(dimensions, domain, noise::noise);
    }

    /** Where the draws come from: {@link DiscreteLaplace#noise}, or in a test an adversary's choice. */
    @FunctionalInterface
    interface Noise {
        long noise(Epsilon epsilon, long sensitivity);
    }

    /** {@link #release(List, List, DiscreteLaplace)} with any noise, so a test can show the gates hold whatever it draws. */
    ReleasedTable release(List<String> dimensions, List<Cell> domain, Noise noise) {
        List<ReleasedTable.ReleasedCell> released = new ArrayList<>();
        long threshold = protection.threshold();
        int suppressed = 0;
        for (Cell cell : domain) {
            if (cell.values().size() != dimensions.size()) {
                throw new IllegalArgumentException("a cell has a value for each dimension");
            }
            long exactCardholders = preNoiseCardholders(cell);
            // drawn for every cell, whatever its exact count: the time taken and the draws consumed say nothing
            long noisyCardholders = exactCardholders
                    + noise.noise(protection.thresholdEpsilon(), protection.countSensitivity());
            if (exactCardholders < protection.k() || noisyCardholders < threshold) {
                suppressed++;
                continue;
            }
            long value = protection.measure() == Measure.CARDHOLDERS ? noisyCardholders
                    : Math.max(0, preNoiseValue(cell)
                            + noise.noise(protection.valueEpsilon(), protection.valueSensitivity()));
            released.add(new ReleasedTable.ReleasedCell(cell, value, noisyCardholders));
        }
        Map<String, Long> byFirst = null;
        Long total = null;
        if (protection.measure() != Measure.CARDHOLDERS) {
            byFirst = new LinkedHashMap<>();
            long sum = 0;
            for (var cell : released) {
                byFirst.merge(cell.cell().values().isEmpty() ? "" : cell.cell().values().get(0), cell.value(),
                        Math::addExact);
                sum = Math.addExact(sum, cell.value());
            }
            total = sum;
        }
        return new ReleasedTable(dimensions, protection, released, suppressed, byFirst, total);
    }
}
