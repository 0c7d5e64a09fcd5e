package dev.anshin.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TreeEnsemblePropertyTest {

    @Property(tries = 200)
    void contributionsAlwaysSumToTheMargin(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int trees)
            throws Exception {
        Random random = new Random(seed);
        List<XgboostJsonFixture.Tree> forest = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            forest.add(randomTree(random, 4));
        }
        TreeEnsemble model = XgboostJsonFixture.load(
                XgboostJsonFixture.json("[" + (0.05 + 0.9 * random.nextDouble()) + "]", "binary:logistic", forest));

        for (int i = 0; i < 20; i++) {
            float[] row = {randomValue(random), randomValue(random)};
            assertThat(Arrays.stream(model.contributions(row)).sum()).isCloseTo(model.margin(row), within(1e-5));
        }
    }

    private static float randomValue(Random random) {
        return random.nextInt(5) == 0 ? Float.NaN : (float) random.nextGaussian();
    }

    /** A random full binary tree of the given depth in XGBoost's breadth-first array layout. */
    private static XgboostJsonFixture.Tree randomTree(Random random, int depth) {
        int nodes = (1 << (depth + 1)) - 1;
        int[] split = new int[nodes];
        double[] condition = new double[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] defaultLeft = new int[nodes];
        double[] hessian = new double[nodes];
        for (int n = nodes - 1; n >= 0; n--) {
            boolean leaf = 2 * n + 1 >= nodes;
            if (leaf) {
                left[n] = right[n] = -1;
                condition[n] = random.nextGaussian() * 0.3;
                hessian[n] = 0.5 + random.nextDouble() * 10;
            } else {
                left[n] = 2 * n + 1;
                right[n] = 2 * n + 2;
                split[n] = random.nextInt(2);
                condition[n] = random.nextGaussian();
                defaultLeft[n] = random.nextInt(2);
                hessian[n] = hessian[left[n]] + hessian[right[n]];
            }
        }
        return new XgboostJsonFixture.Tree(split, condition, left, right, defaultLeft, hessian);
    }
}
