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
 * 0.5 for the values, k 10, C 50,000 yen), for cells of n cardholders who each spent 20,000 yen there, how
 * often the cell is released and the median and 95th-percentile relative error of its released spend and
 * cardholder count, with m = 1 (each cardholder in one cell: a report by prefecture for one month) and
 * m = 12 (the default cap). Draws from the production sampler on a seeded SHA1PRNG, so the table is the
 * same on every run: {@code ./mvnw -o -q -pl anshin-server -Dtest=StatisticsAccuracyTest test}, then
 * {@code anshin-server/target/statistics-accuracy.md}.
 */
class StatisticsAccuracyTest {

    private static final int DRAWS = 4000;
    private static final long SPEND = 20_000;
    private static final List<Integer> SIZES = List.of(5, 10, 20, 50, 100, 500, 1_000, 10_000);

    record Row(int cardholders, int maxCells, double released, double spendMedian, double spend95,
            double countMedian, double count95) {
    }

    @Test
    void relativeErrorFallsWithCellSizeAndLargeCellsAreAccurate() throws IOException {
        StringBuilder table = new StringBuilder("""
                | cardholders in the cell | m | released | spend: median error | spend: 95th pct | cardholders: median error | cardholders: 95th pct |
                |---:|---:|---:|---:|---:|---:|---:|
                """);
        Row previous = null;
        for (int m : List.of(1, 12)) {
            previous = null;
            for (int n : SIZES) {
                Row row = row(n, m);
                table.append(String.format(Locale.ROOT, "| %,d | %d | %.1f %% | %s | %s | %s | %s |%n", n, m,
                        100 * row.released(), percent(row.spendMedian()), percent(row.spend95()),
                        percent(row.countMedian()), percent(row.count95())));
                if (previous != null && n >= 50) {
                    assertThat(row.spendMedian()).isLessThan(previous.spendMedian());
                }
                previous = row;
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/statistics-accuracy.md"), table);
        System.out.println(table);
        Row large = row(1_000, 1);
        assertThat(large.released()).isEqualTo(1.0);
        assertThat(large.spendMedian()).isLessThan(0.01);
        assertThat(row(5, 1).released()).isLessThan(0.5);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * value);
    }

    /** n cardholders of SPEND each, released DRAWS times at the default ε, k and C with the given m. */
    private static Row row(int n, int m) {
        Protection protection = new Protection(Measure.SPEND, Epsilon.parse("e", "0.5"), Epsilon.parse("e", "0.5"),
                Protection.K_DEFAULT, ReportDefinition.DEFAULT_SPEND_CAP, m, Delta.DEFAULT);
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("accuracy-" + n + "-" + m));
        long trueSpend = n * SPEND;
        double[] spendErrors = new double[DRAWS];
        double[] countErrors = new double[DRAWS];
        int released = 0;
        for (int i = 0; i < DRAWS; i++) {
            long count = n + noise.noise(protection.thresholdEpsilon(), protection.countSensitivity());
            if (count < protection.k()) {
                continue;
            }
            long spend = Math.max(0, trueSpend + noise.noise(protection.valueEpsilon(), protection.valueSensitivity()));
            spendErrors[released] = Math.abs(spend - trueSpend) / (double) trueSpend;
            countErrors[released] = Math.abs(count - n) / (double) n;
            released++;
        }
        double[] spend = Arrays.copyOf(spendErrors, released);
        double[] counts = Arrays.copyOf(countErrors, released);
        Arrays.sort(spend);
        Arrays.sort(counts);
        return new Row(n, m, released / (double) DRAWS, quantile(spend, 0.5), quantile(spend, 0.95),
                quantile(counts, 0.5), quantile(counts, 0.95));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
