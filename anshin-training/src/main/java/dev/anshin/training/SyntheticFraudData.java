package dev.anshin.training;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A generated, fraud-like binary dataset for parity checks and benchmarks, not for real models:
 * skewed amounts and counts, interactions, and about one value in ten missing, so trained trees use
 * default directions. Deterministic per seed.
 *
 * @param rows     row count
 * @param features row-major values, NaN for missing
 * @param labels   0 or 1
 */
public record SyntheticFraudData(int rows, float[] features, float[] labels) {

    public static final int WIDTH = 18;
    public static final List<String> FEATURE_NAMES =
            IntStream.range(0, WIDTH).mapToObj(i -> "f" + i).toList();

    public static SyntheticFraudData generate(int rows, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * WIDTH];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * WIDTH;
            for (int f = 0; f < WIDTH; f++) {
                double v = switch (f % 3) {
                    case 0 -> random.nextGaussian();
                    case 1 -> Math.exp(random.nextGaussian());       // amount-like, skewed
                    default -> random.nextInt(12);                   // count-like, integer
                };
                x[o + f] = random.nextInt(10) == 0 ? Float.NaN : (float) v;
            }
            double margin = -2.5 + 1.2 * value(x[o]) + 0.8 * Math.log1p(value(x[o + 1]))
                    + 0.3 * value(x[o + 2]) - 0.9 * value(x[o + 3]) * value(x[o + 6])
                    + (Float.isNaN(x[o + 4]) ? 1.0 : 0.0) + 0.5 * Math.sin(3 * value(x[o + 9]));
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1f : 0f;
        }
        return new SyntheticFraudData(rows, x, y);
    }

    private static double value(float v) {
        return Float.isNaN(v) ? 0 : v;
    }

    public float[] row(int r) {
        float[] row = new float[WIDTH];
        System.arraycopy(features, r * WIDTH, row, 0, WIDTH);
        return row;
    }
}
