package dev.anshin.training;

/** XGBoost hyper-parameters Anshin trains with; {@link #defaults()} are tuned on the Handbook split. */
public record TrainingParameters(int rounds, int maxDepth, double eta, double subsample, double colsampleByTree,
        double minChildWeight, long seed) {

    public static TrainingParameters defaults() {
        throw new UnsupportedOperationException("TODO");
    }
}
