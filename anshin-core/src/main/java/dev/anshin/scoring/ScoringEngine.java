package dev.anshin.scoring;

import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import java.util.List;

/**
 * The scoring core: feature update, model, rules and decision policy for one authorization. The
 * model, shadow models, rules and policy can be swapped at any time without a restart. Thread-safe.
 */
public final class ScoringEngine {

    private final FeatureEngine features;

    public ScoringEngine(FeatureEngine features, RiskModel activeModel, RuleSet rules, DecisionPolicy policy) {
        this.features = features;
    }

    public FeatureEngine features() {
        return features;
    }

    /** Scores one authorization (and records it in the feature state). */
    public RiskDecision score(Authorization authorization) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Feeds a confirmed label to the label-based features. */
    public void learn(FraudLabel label) {
        features.learn(label);
    }

    public void activate(RiskModel model) {
        throw new UnsupportedOperationException("TODO");
    }

    public RiskModel activeModel() {
        throw new UnsupportedOperationException("TODO");
    }

    public void shadow(List<RiskModel> shadowModels) {
        throw new UnsupportedOperationException("TODO");
    }

    public void useRules(RuleSet rules) {
        throw new UnsupportedOperationException("TODO");
    }

    public void usePolicy(DecisionPolicy policy) {
        throw new UnsupportedOperationException("TODO");
    }
}
