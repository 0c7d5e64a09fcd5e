package dev.anshin.training;

/** XGBoost hyper-parameters Anshin trains with; {@link #defaults()} are tuned on the Handbook split. */
public record TrainingParameters(int rounds, int maxDepth, double eta, double subsample, double colsampleByTree,
        double minChildWeight, long seed) {

    public static TrainingParameters defaults() {
        return new TrainingParameters(300, 4, 0.05, 0.8, 0.8, 1.0, 0L);
    }
}
