package dev.anshin.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.model.TreeEnsemble;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.XGBoostJNI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our pure-Java evaluator against XGBoost4J itself, on a model trained here: same predictions to
 * 1e-6 on every row, and the same approximate (Saabas) contributions.
 */
class TreeEnsembleParityTest {

    static final int ROWS = 20_000;
    static final double TOLERANCE = 1e-6;

    static Booster booster;
    static TreeEnsemble ensemble;
    static SyntheticFraudData test;
    static DMatrix testMatrix;
    static byte[] modelJson;

    @BeforeAll
    static void trainAndLoad() throws Exception {
        SyntheticFraudData train = SyntheticFraudData.generate(10_000, 1);
        DMatrix trainMatrix = new DMatrix(train.features(), train.rows(), SyntheticFraudData.WIDTH, Float.NaN);
        trainMatrix.setLabel(train.labels());
        booster = XGBoost.train(trainMatrix, Map.of("objective", "binary:logistic", "max_depth", 6, "eta", 0.1,
                "subsample", 0.8, "colsample_bytree", 0.8, "seed", 7, "nthread", 2), 100, Map.of(), null, null);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        booster.saveModel(json, "json");
        modelJson = json.toByteArray();
        ensemble = TreeEnsemble.fromXgboostJson("parity", SyntheticFraudData.FEATURE_NAMES,
                new ByteArrayInputStream(json.toByteArray()));
        test = SyntheticFraudData.generate(ROWS, 2);
        testMatrix = new DMatrix(test.features(), test.rows(), SyntheticFraudData.WIDTH, Float.NaN);
    }

    @Test
    void readsEveryTree() {
        assertThat(ensemble.treeCount()).isEqualTo(100);
    }

    @Test
    void predictsTheSameProbabilityAsXgboostOnEveryRow() throws XGBoostError {
        float[][] expected = booster.predict(testMatrix);

        double maxDiff = 0;
        for (int r = 0; r < ROWS; r++) {
            double diff = Math.abs(ensemble.score(test.row(r)) - expected[r][0]);
            assertThat(diff).as("row %d", r).isLessThanOrEqualTo(TOLERANCE);
            maxDiff = Math.max(maxDiff, diff);
        }
        System.out.printf("parity: %d rows, max |probability diff| = %.3g%n", ROWS, maxDiff);
    }

    @Test
    void predictsTheSameMarginAsXgboostOnEveryRow() throws XGBoostError {
        float[][] expected = booster.predict(testMatrix, true);

        double maxDiff = 0;
        for (int r = 0; r < ROWS; r++) {
            double diff = Math.abs(ensemble.margin(test.row(r)) - expected[r][0]);
            assertThat(diff).as("row %d", r).isLessThanOrEqualTo(TOLERANCE);
            maxDiff = Math.max(maxDiff, diff);
        }
        System.out.printf("parity: %d rows, max |margin diff| = %.3g%n", ROWS, maxDiff);
    }

    @Test
    void givesTheSameApproximateContributionsAsXgboost() throws Exception {
        float[][] expected = approxContributions(booster, testMatrix);

        double maxDiff = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] ours = ensemble.contributions(test.row(r));
            assertThat(ours).hasSize(SyntheticFraudData.WIDTH + 1);
            for (int f = 0; f <= SyntheticFraudData.WIDTH; f++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[f] - expected[r][f]));
            }
        }
        System.out.printf("parity: %d rows, max |approx contribution diff| = %.3g%n", ROWS, maxDiff);
        // XGBoost sums contributions in float32 tree by tree; we sum in double.
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void agreesOnValuesSittingExactlyOnSplitThresholds() throws Exception {
        // Every (feature, threshold) of the model, probed at the threshold and one float either side.
        JsonNode trees = new ObjectMapper().readTree(modelJson).at("/learner/gradient_booster/model/trees");
        List<float[]> rows = new ArrayList<>();
        int base = 0;
        for (JsonNode tree : trees) {
            JsonNode left = tree.get("left_children");
            for (int node = 0; node < left.size(); node++) {
                if (left.get(node).asInt() == -1) {
                    continue;
                }
                int feature = tree.get("split_indices").get(node).asInt();
                float threshold = Float.parseFloat(tree.get("split_conditions").get(node).asText());
                for (float value : new float[] {Math.nextDown(threshold), threshold, Math.nextUp(threshold)}) {
                    float[] row = test.row(base++ % ROWS);
                    row[feature] = value;
                    rows.add(row);
                }
            }
        }
        float[] flat = new float[rows.size() * SyntheticFraudData.WIDTH];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * SyntheticFraudData.WIDTH, SyntheticFraudData.WIDTH);
        }
        DMatrix matrix = new DMatrix(flat, rows.size(), SyntheticFraudData.WIDTH, Float.NaN);
        float[][] expected = booster.predict(matrix, true);
        matrix.dispose();

        for (int r = 0; r < rows.size(); r++) {
            assertThat(ensemble.margin(rows.get(r))).as("row %d", r).isEqualTo((double) expected[r][0]);
        }
        System.out.printf("parity: %d threshold rows, margins identical%n", rows.size());
    }

    @Test
    void explainScoresExactlyAsScoreDoes() {
        for (int r = 0; r < ROWS; r++) {
            float[] row = test.row(r);
            assertThat(ensemble.explain(row).score()).as("row %d", r).isEqualTo(ensemble.score(row));
        }
    }

    @Test
    void contributionsSumToTheMarginOnEveryRow() {
        for (int r = 0; r < ROWS; r++) {
            float[] row = test.row(r);
            assertThat(Arrays.stream(ensemble.contributions(row)).sum()).as("row %d", r)
                    .isCloseTo(ensemble.margin(row), org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    /**
     * XGBoost4J's predictContrib asks for SHAP values; approx_contribs is only reachable through the
     * C API's option mask (4 = contributions, 8 = approximate), which XGBoostJNI exposes.
     */
    private static float[][] approxContributions(Booster booster, DMatrix matrix) throws Exception {
        Field handle = Booster.class.getDeclaredField("handle");
        handle.setAccessible(true);
        float[][] raw = new float[1][];
        int status = XGBoostJNI.XGBoosterPredict((long) handle.get(booster), matrix.getHandle(), 4 | 8, 0, raw);
        if (status != 0) {
            throw new XGBoostError(XGBoostJNI.XGBGetLastError());
        }
        int width = SyntheticFraudData.WIDTH + 1;
        float[][] rows = new float[raw[0].length / width][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(raw[0], r * width, (r + 1) * width);
        }
        return rows;
    }
}
