package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundedAggregationTest {

    private static final Epsilon ONE = Epsilon.parse("e", "1");
    private static final Delta DELTA = Delta.DEFAULT;
    private static final List<String> DIMENSIONS = List.of("MONTH", "MERCHANT_CATEGORY");

    @Test
    void removingOneCardholderMovesThePreNoiseValuesWithinTheStatedBound() {
        // Data sets that differ by one cardholder: every cell's pre-noise sum moves by at most C, all
        // cells together by at most m·C (the sensitivity the noise is calibrated to); counts by at most m.
        qt().withExamples(300).forAll(longs().between(0, Long.MAX_VALUE), integers().between(1, 6),
                longs().between(1, 50_000), integers().between(0, 39)).check((seed, m, cap, removed) -> {
                    for (Measure measure : Measure.values()) {
                        Protection protection = protection(measure, cap, m);
                        List<Map<Cell, Long>> people = people(seed, 40);
                        BoundedAggregation all = aggregate(protection, people, -1);
                        BoundedAggregation neighbour = aggregate(protection, people, removed);
                        long valueMoves = 0;
                        long countMoves = 0;
                        int gatesMoved = 0;
                        for (Cell cell : domain()) {
                            long value = Math.abs(all.preNoiseValue(cell) - neighbour.preNoiseValue(cell));
                            long count = Math.abs(all.preNoiseCardholders(cell) - neighbour.preNoiseCardholders(cell));
                            if (value > (measure == Measure.CARDHOLDERS ? 1 : cap) || count > 1) {
                                return false;
                            }
                            valueMoves += value;
                            countMoves += count;
                            // the exact-count gate (≥ k) opens or closes only in cells the cardholder is in
                            boolean gate = all.preNoiseCardholders(cell) >= protection.k();
                            if (gate != neighbour.preNoiseCardholders(cell) >= protection.k()) {
                                gatesMoved++;
                            }
                        }
                        if (valueMoves > protection.valueSensitivity() || countMoves > protection.countSensitivity()
                                || gatesMoved > protection.maxCells()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void theBoundIsReachedByACardholderSpendingMoreThanTheCapInMoreThanMCells() {
        // The bound is tight: a heavy spender in every cell moves the total by exactly m·C.
        Protection protection = protection(Measure.SPEND, 1000, 3);
        Map<Cell, Long> heavy = new HashMap<>();
        for (Cell cell : domain()) {
            heavy.put(cell, 1_000_000L);
        }
        BoundedAggregation aggregation = new BoundedAggregation(protection);
        aggregation.addCardholder(heavy, new SplittableRandom(1));
        long moved = domain().stream().mapToLong(aggregation::preNoiseValue).sum();
        assertThat(moved).isEqualTo(3 * 1000);
    }

    @Test
    void negativeValuesCountAsZero() {
        BoundedAggregation aggregation = new BoundedAggregation(protection(Measure.SPEND, 1000, 3));
        aggregation.addCardholder(Map.of(Cell.of("2026-01", "FOOD"), -500L), new SplittableRandom(1));
        assertThat(aggregation.preNoiseValue(Cell.of("2026-01", "FOOD"))).isZero();
        assertThat(aggregation.preNoiseCardholders(Cell.of("2026-01", "FOOD"))).isEqualTo(1);
    }

    @Test
    void aCellWithFewCardholdersIsSuppressed() {
        Protection protection = protection(Measure.SPEND, 10_000, 1);
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("small-cells"));
        Cell small = Cell.of("2026-01", "FOOD");
        Cell large = Cell.of("2026-01", "TRAVEL");
        int smallReleased = 0;
        int largeReleased = 0;
        for (int release = 0; release < 1000; release++) {
            BoundedAggregation aggregation = new BoundedAggregation(protection);
            aggregation.addCardholder(Map.of(small, 5_000L), new SplittableRandom(release));
            for (int i = 0; i < 40; i++) {
                aggregation.addCardholder(Map.of(large, 5_000L), new SplittableRandom(i));
            }
            ReleasedTable table = aggregation.release(List.of("MONTH", "MERCHANT_CATEGORY"), List.of(small, large), noise);
            smallReleased += table.cells().stream().filter(c -> c.cell().equals(small)).count();
            largeReleased += table.cells().stream().filter(c -> c.cell().equals(large)).count();
        }
        assertThat(smallReleased).isZero();
        assertThat(largeReleased).isEqualTo(1000);
    }

    @Test
    void aCellOfFewerThanKCardholdersIsSuppressedEvenWhenItsNoiseLiftsItFarAboveTheThreshold() {
        // An adversarial draw: every noisy count lands far above τ, so only the exact-count gate (≥ k) can hold a
        // cell of k − 1 back; the cell of exactly k passes both gates and is released.
        Protection protection = new Protection(Measure.TRANSACTIONS, Epsilon.parse("e", "0.05"), ONE, 10, 5, 1, DELTA);
        BoundedAggregation.Noise huge = (epsilon, sensitivity) -> 1_000_000L;
        Cell belowK = Cell.of("2026-01", "TRAVEL");
        Cell atK = Cell.of("2026-01", "FOOD");
        BoundedAggregation aggregation = new BoundedAggregation(protection);
        for (int i = 0; i < protection.k() - 1; i++) {
            aggregation.addCardholder(Map.of(belowK, 1L), new SplittableRandom(i));
        }
        for (int i = 0; i < protection.k(); i++) {
            aggregation.addCardholder(Map.of(atK, 1L), new SplittableRandom(i));
        }

        ReleasedTable table = aggregation.release(DIMENSIONS, List.of(atK, belowK), huge);

        assertThat(table.cells()).extracting(ReleasedTable.ReleasedCell::cell).containsExactly(atK);
        assertThat(table.suppressedCells()).isEqualTo(1);
    }

    @Test
    void aCellOfFewerThanKCardholdersIsNeverReleasedWhateverItsNoise() {
        // At ε 10 the noisy count of a cell of 9 is ≥ τ (= 10 + 2) about one time in 10⁵ only, but at ε 0.05 it
        // is often: the old rule (noisy count ≥ k alone) released such a cell in about half of releases.
        Protection protection = new Protection(Measure.TRANSACTIONS, Epsilon.parse("e", "0.05"), ONE, 10, 5, 1, DELTA);
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("below-k"));
        Cell belowK = Cell.of("2026-01", "TRAVEL");
        Cell atK = Cell.of("2026-01", "FOOD");
        int belowKReleased = 0;
        int atKReleased = 0;
        for (int release = 0; release < 2000; release++) {
            BoundedAggregation aggregation = new BoundedAggregation(protection);
            for (int i = 0; i < 9; i++) {
                aggregation.addCardholder(Map.of(belowK, 1L), new SplittableRandom(i));
            }
            for (int i = 0; i < 10; i++) {
                aggregation.addCardholder(Map.of(atK, 1L), new SplittableRandom(i));
            }
            ReleasedTable table = aggregation.release(DIMENSIONS, List.of(atK, belowK), noise);
            assertThat(table.cells().size() + table.suppressedCells()).isEqualTo(2);
            table.cells().forEach(c -> assertThat(c.cardholders()).isGreaterThanOrEqualTo(protection.threshold()));
            belowKReleased += table.cells().stream().filter(c -> c.cell().equals(belowK)).count();
            atKReleased += table.cells().stream().filter(c -> c.cell().equals(atK)).count();
        }
        assertThat(belowKReleased).isZero();
        // a cell of exactly k passes only when its noise is at least j: with probability at most δ/m
        assertThat(atKReleased).isZero();
    }

    @Test
    void aCellJustAtKIsReleasedWithProbabilityAtMostDeltaOverM() {
        // δ 0.001, m 1, ε 1: τ − k = j with P(Z ≥ j) ≤ 0.001 for noise of scale 1 (j = 7: e⁻⁷/(1 + e⁻¹) ≈ 0.00067).
        // Of 20,000 releases of a cell of exactly k, at most 20 are expected through (about 13 at the exact tail).
        Protection protection = new Protection(Measure.CARDHOLDERS, ONE, null, 10, 1, 1,
                Delta.parse("protection.delta", "0.001"));
        long j = protection.threshold() - protection.k();
        assertThat(j).isEqualTo(7);
        assertThat(DiscreteLaplace.upperTail(ONE, 1, j)).isLessThanOrEqualTo(new java.math.BigDecimal("0.001"));
        assertThat(DiscreteLaplace.upperTail(ONE, 1, j - 1)).isGreaterThan(new java.math.BigDecimal("0.001"));
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("at-k"));
        Cell cell = Cell.of("2026-01", "FOOD");
        BoundedAggregation atK = new BoundedAggregation(protection);
        for (int i = 0; i < protection.k(); i++) {
            atK.addCardholder(Map.of(cell, 1L), new SplittableRandom(i));
        }
        int released = 0;
        for (int release = 0; release < 20_000; release++) {
            released += atK.release(DIMENSIONS, List.of(cell), noise).cells().size();
        }
        assertThat(released).isBetween(1, 40);
    }

    @Test
    void theThresholdGrowsWithMAndShrinksWithDelta() {
        Protection m1 = new Protection(Measure.CARDHOLDERS, Epsilon.parse("e", "0.5"), null, 10, 1, 1, DELTA);
        Protection m4 = new Protection(Measure.CARDHOLDERS, Epsilon.parse("e", "0.5"), null, 10, 1, 4, DELTA);
        Protection m12 = new Protection(Measure.CARDHOLDERS, Epsilon.parse("e", "0.5"), null, 10, 1, 12, DELTA);
        // j smallest with q^j/(1+q) ≤ 10⁻⁶/m, q = exp(−0.5/m): 27, 117, 376 (checked by hand in docs/statistics.md)
        assertThat(m1.threshold()).isEqualTo(37);
        assertThat(m4.threshold()).isEqualTo(127);
        assertThat(m12.threshold()).isEqualTo(386);
        Protection looser = new Protection(Measure.CARDHOLDERS, Epsilon.parse("e", "0.5"), null, 10, 1, 1,
                Delta.parse("protection.delta", "0.001"));
        assertThat(looser.threshold()).isLessThan(m1.threshold());
    }

    @Test
    void cellsOfTheDomainThatNoOneFallsInAreNoisedLikeTheOthers() {
        BoundedAggregation aggregation = new BoundedAggregation(protection(Measure.SPEND, 1000, 2));
        ReleasedTable table = aggregation.release(DIMENSIONS, domain(), new DiscreteLaplace(Seeded.random("empty")));
        assertThat(table.cells().size() + table.suppressedCells()).isEqualTo(domain().size());
        assertThat(table.cells()).isEmpty();
    }

    @Test
    void totalsAreTheSumsOfTheReleasedCells() {
        qt().withExamples(50).forAll(longs().between(0, Long.MAX_VALUE)).check(seed -> {
            Protection protection = protection(Measure.SPEND, 20_000, 2);
            BoundedAggregation aggregation = aggregate(protection, people(seed, 400), -1);
            ReleasedTable table = aggregation.release(DIMENSIONS, domain(),
                    new DiscreteLaplace(Seeded.random("totals" + seed)));
            Map<String, Long> byMonth = new LinkedHashMap<>();
            long total = 0;
            for (var cell : table.cells()) {
                byMonth.merge(cell.cell().values().get(0), cell.value(), Long::sum);
                total += cell.value();
                if (cell.value() < 0) {
                    return false;
                }
            }
            return table.total() == total && table.totalsByFirstDimension().equals(byMonth);
        });
    }

    @Test
    void aCountOfCardholdersHasNoTotalsAndReleasesItsNoisyCount() {
        BoundedAggregation aggregation = new BoundedAggregation(
                new Protection(Measure.CARDHOLDERS, ONE, null, 10, 1, 1, DELTA));
        Cell cell = Cell.of("2026-01", "FOOD");
        for (int i = 0; i < 100; i++) {
            aggregation.addCardholder(Map.of(cell, 1L), new SplittableRandom(i));
        }
        ReleasedTable table = aggregation.release(DIMENSIONS, List.of(cell), new DiscreteLaplace(Seeded.random("c")));
        assertThat(table.total()).isNull();
        assertThat(table.cells()).singleElement().satisfies(c -> assertThat(c.value()).isEqualTo(c.cardholders()));
    }

    @Test
    void refusesKBelowTheFloorNamingTheField() {
        assertThatThrownBy(() -> new Protection(Measure.SPEND, ONE, ONE, 4, 1000, 1, DELTA))
                .isInstanceOfSatisfying(ProtectionRefused.class, e -> assertThat(e.field()).isEqualTo("protection.k"));
        assertThat(new Protection(Measure.SPEND, ONE, ONE, Protection.K_FLOOR, 1000, 1, DELTA).k()).isEqualTo(5);
    }

    @Test
    void aCountOfCardholdersTakesNoValueEpsilonAndOthersNeedOne() {
        assertThatThrownBy(() -> new Protection(Measure.CARDHOLDERS, ONE, ONE, 10, 1, 1, DELTA))
                .isInstanceOfSatisfying(ProtectionRefused.class,
                        e -> assertThat(e.field()).isEqualTo("protection.valueEpsilon"));
        assertThatThrownBy(() -> new Protection(Measure.SPEND, ONE, null, 10, 1, 1, DELTA))
                .isInstanceOf(ProtectionRefused.class);
    }

    @Test
    void aReleaseSpendsBothEpsilons() {
        Protection protection = new Protection(Measure.SPEND, Epsilon.parse("e", "0.25"), Epsilon.parse("e", "0.5"),
                10, 1000, 2, DELTA);
        assertThat(protection.totalEpsilon()).isEqualTo(Epsilon.parse("e", "0.75"));
        assertThat(protection.valueSensitivity()).isEqualTo(2000);
        assertThat(protection.countSensitivity()).isEqualTo(2);
    }

    private static Protection protection(Measure measure, long cap, int m) {
        return new Protection(measure, ONE, measure == Measure.CARDHOLDERS ? null : ONE, 10, cap, m, DELTA);
    }

    private static List<Cell> domain() {
        List<Cell> cells = new ArrayList<>();
        for (String month : List.of("2026-01", "2026-02", "2026-03")) {
            for (String category : List.of("FOOD", "TRAVEL", "RETAIL", "FUEL")) {
                cells.add(Cell.of(month, category));
            }
        }
        return cells;
    }

    /** Random people: each spends in some cells of the domain, sometimes far above any cap. */
    private static List<Map<Cell, Long>> people(long seed, int count) {
        Random random = new Random(seed);
        List<Cell> domain = domain();
        List<Map<Cell, Long>> people = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            Map<Cell, Long> cells = new LinkedHashMap<>();
            int n = 1 + random.nextInt(domain.size());
            for (int i = 0; i < n; i++) {
                cells.merge(domain.get(random.nextInt(domain.size())),
                        random.nextInt(10) == 0 ? -random.nextInt(5000) : (long) random.nextInt(200_000), Long::sum);
            }
            people.add(cells);
        }
        return people;
    }

    /** Each cardholder's choice of cells draws from their own generator: the neighbour keeps everyone else's. */
    private static BoundedAggregation aggregate(Protection protection, List<Map<Cell, Long>> people, int without) {
        BoundedAggregation aggregation = new BoundedAggregation(protection);
        for (int p = 0; p < people.size(); p++) {
            if (p != without) {
                aggregation.addCardholder(people.get(p), new SplittableRandom(p * 7919L + 1));
            }
        }
        return aggregation;
    }
}
