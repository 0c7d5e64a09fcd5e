package dev.anshin.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeEnsemblePropertyTest {

    private static final int WIDTH = 3;

    @Test
    void contributionsAlwaysSumToTheMargin() {
        qt().withExamples(200).forAll(longs().all(), integers().between(1, 20)).checkAssert((seed, trees) -> {
            Random random = new Random(seed);
            List<XgboostJsonFixture.Tree> forest = forest(random, trees);
            TreeEnsemble model = load(random, forest);

            for (int i = 0; i < 20; i++) {
                float[] row = row(random);
                assertThat(Arrays.stream(model.contributions(row)).sum()).isCloseTo(model.margin(row), within(1e-5));
            }
        });
    }

    @Test
    void marginEqualsAPlainWalkOfEveryTree() {
        qt().withExamples(200).forAll(longs().all(), integers().between(1, 20)).checkAssert((seed, trees) -> {
            Random random = new Random(seed);
            List<XgboostJsonFixture.Tree> forest = forest(random, trees);
            TreeEnsemble model = load(random, forest);
            float baseMargin = (float) model.margin(new float[WIDTH]) - plainSum(forest, new float[WIDTH]);

            for (int i = 0; i < 20; i++) {
                float[] row = row(random);
                assertThat(model.margin(row)).isCloseTo(baseMargin + plainSum(forest, row), within(1e-5));
            }
        });
    }

    private static TreeEnsemble load(Random random, List<XgboostJsonFixture.Tree> forest) {
        String json = XgboostJsonFixture.json("[" + (0.05 + 0.9 * random.nextDouble()) + "]", "binary:logistic",
                forest);
        try {
            return TreeEnsemble.fromXgboostJson("m", List.of("f0", "f1", "f2"), XgboostJsonFixture.stream(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The obvious evaluator over XGBoost's own arrays, as a reference. */
    private static float plainSum(List<XgboostJsonFixture.Tree> forest, float[] row) {
        float sum = 0;
        for (XgboostJsonFixture.Tree tree : forest) {
            int node = 0;
            while (tree.left()[node] != -1) {
                float value = row[tree.splitIndices()[node]];
                float threshold = (float) tree.splitConditions()[node];
                node = Float.isNaN(value) ? (tree.defaultLeft()[node] == 1 ? tree.left()[node] : tree.right()[node])
                        : value < threshold ? tree.left()[node] : tree.right()[node];
            }
            sum += (float) tree.splitConditions()[node];
        }
        return sum;
    }

    private static List<XgboostJsonFixture.Tree> forest(Random random, int trees) {
        List<XgboostJsonFixture.Tree> forest = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            forest.add(randomTree(random, 1 + random.nextInt(7)));
        }
        return forest;
    }

    private static float[] row(Random random) {
        float[] row = new float[WIDTH];
        for (int f = 0; f < WIDTH; f++) {
            row[f] = random.nextInt(5) == 0 ? Float.NaN : (float) random.nextGaussian();
        }
        return row;
    }

    /**
     * A random, unbalanced tree in XGBoost's layout: children allocated in pairs after their parent,
     * inner hessians the sum of their children's.
     */
    private static XgboostJsonFixture.Tree randomTree(Random random, int maxDepth) {
        List<int[]> shape = new ArrayList<>(); // {left, right, depth}
        shape.add(new int[] {-1, -1, 0});
        for (int n = 0; n < shape.size(); n++) {
            int[] node = shape.get(n);
            if (node[2] < maxDepth && (n == 0 || random.nextInt(4) != 0)) {
                node[0] = shape.size();
                node[1] = shape.size() + 1;
                shape.add(new int[] {-1, -1, node[2] + 1});
                shape.add(new int[] {-1, -1, node[2] + 1});
            }
        }
        int n = shape.size();
        int[] split = new int[n];
        double[] condition = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        int[] defaultLeft = new int[n];
        double[] hessian = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            left[i] = shape.get(i)[0];
            right[i] = shape.get(i)[1];
            if (left[i] == -1) {
                condition[i] = random.nextGaussian() * 0.3;
                hessian[i] = 0.5 + random.nextDouble() * 10;
            } else {
                split[i] = random.nextInt(WIDTH);
                condition[i] = random.nextGaussian();
                defaultLeft[i] = random.nextInt(2);
                hessian[i] = hessian[left[i]] + hessian[right[i]];
            }
        }
        return new XgboostJsonFixture.Tree(split, condition, left, right, defaultLeft, hessian);
    }
}
