package dev.anshin.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Pure-Java evaluator of an XGBoost gradient-boosted tree ensemble read from XGBoost's JSON model
 * format ({@code booster.saveModel("model.json")}), binary:logistic objective.
 */
public final class TreeEnsemble implements RiskModel {

    private final String version;
    private final List<String> featureNames;

    private TreeEnsemble(String version, List<String> featureNames) {
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
    }

    /** Reads an XGBoost JSON model; {@code featureNames} give the column order it was trained on. */
    public static TreeEnsemble fromXgboostJson(String version, List<String> featureNames, InputStream json)
            throws IOException {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /** The raw margin (log-odds), base score included. */
    public double margin(float[] features) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public double score(float[] features) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public double[] contributions(float[] features) {
        throw new UnsupportedOperationException("TODO");
    }
}
