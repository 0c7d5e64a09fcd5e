package dev.anshin.fraud;

import dev.anshin.scoring.model.RiskModel;
import java.util.List;

/**
 * Stands in until a model is activated: scores every authorization 0, so decisions come from the
 * rules alone. Keeps a fresh installation answering instead of failing.
 */
final class NoModel implements RiskModel {

    static final NoModel INSTANCE = new NoModel();
    static final String VERSION = "none";

    private NoModel() {
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public List<String> featureNames() {
        return List.of();
    }

    @Override
    public double score(float[] features) {
        return 0;
    }

    @Override
    public double[] contributions(float[] features) {
        return new double[] {0};
    }
}
