package dev.anshin.scoring.model;

import java.util.List;

/** A trained model that turns a feature vector into a fraud probability. Thread-safe. */
public interface RiskModel {

    /** Registry version, e.g. "m-20260101-1". */
    String version();

    /** Feature names in the order the model expects them. */
    List<String> featureNames();

    /** Fraud probability in [0,1]. */
    double score(float[] features);

    /**
     * Per-feature contributions to the log-odds (same order as {@link #featureNames()}), followed
     * by one bias term; they sum to the margin.
     */
    double[] contributions(float[] features);

    /** Score and contributions together; models that can get both in one pass override this. */
    default Explained explain(float[] features) {
        return new Explained(score(features), contributions(features));
    }

    /**
     * A score with its explanation.
     *
     * @param score         fraud probability in [0,1]
     * @param contributions as {@link #contributions(float[])}
     */
    record Explained(double score, double[] contributions) {
    }
}
