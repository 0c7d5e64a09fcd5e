package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The accuracy table of docs/statistics.md: at the default protection (ε 0.5 for the cardholder counts and
 * 0.5 for the values, k 10, δ 10⁻⁶, C 50,000 yen), for cells of n cardholders who each spent 20,000 yen
 * there, how often the cell is released (exact count ≥ k and noisy count ≥ τ) and the median and
 * 95th-percentile relative error of its released spend and cardholder count, for m = 1 (each cardholder in
 * one cell: a report by prefecture for one month), m = 4 (the default) and m = 12 (the old default). Each
 * figure is the mean over {@link #SEEDS} seeds of {@link #DRAWS} releases each, ± the standard deviation
 * between seeds. Draws from the production sampler on seeded SHA1PRNGs, so the table is the same on every
 * run: {@code ./mvnw -o -q -pl anshin-server -Dtest=StatisticsAccuracyTest test}, then
 * {@code anshin-server/target/statistics-accuracy.md}.
 */
class StatisticsAccuracyTest {

    private static final int SEEDS = 5;
    private static final int DRAWS = 2000;
    private static final long SPEND = 20_000;
    private static final List<Integer> SIZES = List.of(5, 10, 20, 50, 100, 200, 500, 1_000, 10_000);

    /** One figure over the seeds: mean and standard deviation (NaN when no seed released the cell). */
    record Figure(double mean, double sd) {
        static Figure of(double[] values) {
            double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
            if (known.length == 0) {
                return new Figure(Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(known).average().orElseThrow();
            double variance = Arrays.stream(known).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, known.length - 1);
            return new Figure(mean, Math.sqrt(variance));
        }
    }

    record Row(int cardholders, int maxCells, long threshold, Figure released, Figure spendMedian, Figure spend95,
            Figure countMedian, Figure count95) {
    }

    @Test
    void cellsBelowKAreNeverReleasedAndRelativeErrorFallsWithCellSize() throws IOException {
        StringBuilder table = new StringBuilder("""
                | cardholders in the cell | m | τ | released | spend: median error | spend: 95th pct | cardholders: median error | cardholders: 95th pct |
                |---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (int m : List.of(1, 4, 12)) {
            Row previous = null;
            for (int n : SIZES) {
                Row row = row(n, m);
                table.append(String.format(Locale.ROOT, "| %,d | %d | %d | %s | %s | %s | %s | %s |%n", n, m,
                        row.threshold(), percent(row.released(), 2), percent(row.spendMedian(), 2),
                        percent(row.spend95(), 2), percent(row.countMedian(), 2), percent(row.count95(), 2)));
                if (n < Protection.K_DEFAULT) {
                    assertThat(row.released().mean()).isZero();
                }
                if (previous != null && row.released().mean() == 1.0 && previous.released().mean() == 1.0) {
                    assertThat(row.spendMedian().mean()).isLessThan(previous.spendMedian().mean());
                }
                previous = row;
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/statistics-accuracy.md"), table);
        System.out.println(table);
        Row large = row(1_000, 1);
        assertThat(large.released().mean()).isEqualTo(1.0);
        assertThat(large.spendMedian().mean()).isLessThan(0.01);
    }

    private static String percent(Figure figure, int decimals) {
        if (Double.isNaN(figure.mean())) {
            return "—";
        }
        String format = "%." + decimals + "f %% ± %." + decimals + "f";
        return String.format(Locale.ROOT, format, 100 * figure.mean(), 100 * figure.sd());
    }

    /** n cardholders of SPEND each, released DRAWS times per seed at the default ε, k, δ and C with the given m. */
    private static Row row(int n, int m) {
        Protection protection = new Protection(Measure.SPEND, Epsilon.parse("e", "0.5"), Epsilon.parse("e", "0.5"),
                Protection.K_DEFAULT, ReportDefinition.DEFAULT_SPEND_CAP, m, Delta.DEFAULT);
        long threshold = protection.threshold();
        double[][] perSeed = new double[5][SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("accuracy-" + n + "-" + m + "-" + seed));
            long trueSpend = n * SPEND;
            double[] spendErrors = new double[DRAWS];
            double[] countErrors = new double[DRAWS];
            int released = 0;
            for (int i = 0; i < DRAWS; i++) {
                long count = n + noise.noise(protection.thresholdEpsilon(), protection.countSensitivity());
                if (n < protection.k() || count < threshold) {
                    continue;
                }
                long spend = Math.max(0,
                        trueSpend + noise.noise(protection.valueEpsilon(), protection.valueSensitivity()));
                spendErrors[released] = Math.abs(spend - trueSpend) / (double) trueSpend;
                countErrors[released] = Math.abs(count - n) / (double) n;
                released++;
            }
            double[] spend = Arrays.copyOf(spendErrors, released);
            double[] counts = Arrays.copyOf(countErrors, released);
            Arrays.sort(spend);
            Arrays.sort(counts);
            perSeed[0][seed] = released / (double) DRAWS;
            perSeed[1][seed] = quantile(spend, 0.5);
            perSeed[2][seed] = quantile(spend, 0.95);
            perSeed[3][seed] = quantile(counts, 0.5);
            perSeed[4][seed] = quantile(counts, 0.95);
        }
        return new Row(n, m, threshold, Figure.of(perSeed[0]), Figure.of(perSeed[1]), Figure.of(perSeed[2]),
                Figure.of(perSeed[3]), Figure.of(perSeed[4]));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
