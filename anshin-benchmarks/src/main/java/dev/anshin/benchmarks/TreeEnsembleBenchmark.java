package dev.anshin.benchmarks;

import dev.anshin.scoring.model.TreeEnsemble;
import dev.anshin.training.SyntheticFraudData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Single-row scoring, as an authorization needs it: our evaluator against XGBoost4J (one-row
 * DMatrix + predict, and inplace_predict) on the same model (100 trees, depth 6, 18 features with
 * missing values) and the same rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TreeEnsembleBenchmark {

    private static final int ROWS = 1024;

    private Booster booster;
    private TreeEnsemble ensemble;
    private float[][] rows;
    private int next;

    @Setup(Level.Trial)
    public void train() throws Exception {
        SyntheticFraudData train = SyntheticFraudData.generate(10_000, 1);
        DMatrix matrix = new DMatrix(train.features(), train.rows(), SyntheticFraudData.WIDTH, Float.NaN);
        matrix.setLabel(train.labels());
        booster = XGBoost.train(matrix, Map.of("objective", "binary:logistic", "max_depth", 6, "eta", 0.1,
                "subsample", 0.8, "colsample_bytree", 0.8, "seed", 7, "nthread", 2), 100, Map.of(), null, null);
        matrix.dispose();
        // One thread for single-row prediction: two OpenMP threads made each call 5-10x slower here.
        booster.setParam("nthread", 1);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        booster.saveModel(json, "json");
        ensemble = TreeEnsemble.fromXgboostJson("bench", SyntheticFraudData.FEATURE_NAMES,
                new ByteArrayInputStream(json.toByteArray()));
        SyntheticFraudData test = SyntheticFraudData.generate(ROWS, 2);
        rows = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            rows[r] = test.row(r);
        }
    }

    @TearDown(Level.Trial)
    public void dispose() {
        booster.dispose();
    }

    private float[] nextRow() {
        next = (next + 1) & (ROWS - 1);
        return rows[next];
    }

    @Benchmark
    public double treeEnsembleScore() {
        return ensemble.score(nextRow());
    }

    @Benchmark
    public double[] treeEnsembleContributions() {
        return ensemble.contributions(nextRow());
    }

    @Benchmark
    public float xgboost4jDMatrixPredict() throws XGBoostError {
        DMatrix one = new DMatrix(nextRow(), 1, SyntheticFraudData.WIDTH, Float.NaN);
        try {
            return booster.predict(one)[0][0];
        } finally {
            one.dispose();
        }
    }

    @Benchmark
    public float xgboost4jInplacePredict() throws XGBoostError {
        return booster.inplace_predict(nextRow(), 1, SyntheticFraudData.WIDTH, Float.NaN)[0][0];
    }
}
