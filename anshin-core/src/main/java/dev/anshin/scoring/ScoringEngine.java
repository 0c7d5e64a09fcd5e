package dev.anshin.scoring;

import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.features.FeatureSchema;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleHit;
import dev.anshin.scoring.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The scoring core: feature update, model, rules and decision policy for one authorization. The
 * model, shadow models, rules and policy can be swapped at any time without a restart. Thread-safe.
 *
 * <p>Everything swappable lives in one immutable {@link Setup} behind an atomic reference, so each
 * authorization is scored against one consistent model/rules/policy combination even while another
 * thread swaps them.
 */
public final class ScoringEngine {

    /** The version reported while no model is active. */
    public static final String NO_MODEL = "none";

    /** The version reported for a decision made by the rules alone, the model skipped ({@link #decideByRules}). */
    public static final String RULES_ONLY = "rules-only";

    static final int MAX_REASONS = 5;
    static final int MAX_FEATURE_REASONS = 3;
    static final int MAX_DEVICE_REASONS = 2;

    private static final System.Logger LOG = System.getLogger(ScoringEngine.class.getName());

    private final FeatureEngine features;
    private final FeatureSource source;
    private final AtomicReference<Setup> setup;

    /**
     * @param activeModel the deciding model, or {@code null} until one is trained (score 0.0, model
     *                    version "none", decisions by rules and policy alone)
     * @throws IllegalArgumentException if the model needs a feature the engine does not compute
     */
    public ScoringEngine(FeatureEngine features, RiskModel activeModel, RuleSet rules, DecisionPolicy policy) {
        this(features, new FeatureSource() {
            @Override
            public FeatureVector observe(Authorization authorization) {
                return features.observe(authorization);
            }

            @Override
            public void learn(FraudLabel label) {
                features.learn(label);
            }

            @Override
            public FeatureSchema schema() {
                return FeatureEngine.schema();
            }
        }, activeModel, rules, policy);
    }

    /** For tests: any source of feature vectors in place of the real feature engine. */
    ScoringEngine(FeatureEngine features, FeatureSource source, RiskModel activeModel, RuleSet rules,
            DecisionPolicy policy) {
        this.features = features;
        this.source = Objects.requireNonNull(source, "source");
        this.setup = new AtomicReference<>(new Setup(activeModel == null ? null : bind(activeModel),
                List.of(), Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(policy, "policy")));
    }

    public FeatureEngine features() {
        return features;
    }

    /** Scores one authorization (and records it in the feature state). */
    public RiskDecision score(Authorization authorization) {
        long start = System.nanoTime();
        Setup current = setup.get();
        FeatureVector vector = source.observe(authorization);

        double score = 0.0;
        String modelVersion = NO_MODEL;
        double[] contributions = null;
        BoundModel active = current.active();
        if (active != null) {
            RiskModel.Explained explained = active.model().explain(active.row(vector));
            score = explained.score();
            contributions = explained.contributions();
            modelVersion = active.model().version();
        }

        Map<String, Double> shadowScores = Map.of();
        if (!current.shadows().isEmpty()) {
            shadowScores = new LinkedHashMap<>();
            for (BoundModel shadow : current.shadows()) {
                try {
                    shadowScores.put(shadow.model().version(), shadow.model().score(shadow.row(vector)));
                } catch (RuntimeException e) {
                    // A shadow model only informs; its failure must never stop an authorization.
                    LOG.log(System.Logger.Level.WARNING, "shadow model {0} failed: {1}",
                            shadow.model().version(), e.toString());
                }
            }
        }

        List<RuleHit> hits = current.rules().evaluate(authorization, vector);
        Decision decision = current.policy().decide(score, hits);
        List<Reason> reasons = reasons(hits, authorization, active, vector, contributions);
        long micros = (System.nanoTime() - start) / 1_000;
        return new RiskDecision(authorization.authorizationId(), decision, score, reasons, modelVersion,
                current.rules().version(), shadowScores, micros);
    }

    /**
     * Decides by the rules of the active rule set alone, without the model or the shadow models
     * (the server does this instead of refusing when it is overloaded, if the issuer asked for it).
     * A DECLINE rule declines and an ALLOW rule approves, as always; otherwise the policy answers
     * as it does for a score it cannot trust, with REVIEW. So the rules alone never approve what
     * no rule allows. The authorization is recorded in the feature state like any other, so that
     * the state equals what a replay of the stored decisions rebuilds. The score is 0.0 and means
     * nothing: the version is {@link #RULES_ONLY}.
     */
    public RiskDecision decideByRules(Authorization authorization) {
        long start = System.nanoTime();
        Setup current = setup.get();
        FeatureVector vector = source.observe(authorization);
        List<RuleHit> hits = current.rules().evaluate(authorization, vector);
        Decision decision = current.policy().decide(Double.NaN, hits);
        List<Reason> reasons = reasons(hits, authorization, null, vector, null);
        long micros = (System.nanoTime() - start) / 1_000;
        return new RiskDecision(authorization.authorizationId(), decision, 0.0, reasons, RULES_ONLY,
                current.rules().version(), Map.of(), micros);
    }

    /** Feeds a confirmed label to the label-based features. */
    public void learn(FraudLabel label) {
        source.learn(label);
    }

    /**
     * Makes {@code model} the deciding model from the next authorization on; {@code null} scores 0.0
     * and decides by rules only.
     *
     * @throws IllegalArgumentException if the model needs a feature the engine does not compute
     */
    public void activate(RiskModel model) {
        BoundModel bound = model == null ? null : bind(model);
        update(s -> new Setup(bound, s.shadows(), s.rules(), s.policy()));
    }

    public RiskModel activeModel() {
        BoundModel active = setup.get().active();
        return active == null ? null : active.model();
    }

    /**
     * Replaces the shadow models: scored on every authorization and reported, never deciding.
     *
     * @throws IllegalArgumentException if a model needs a feature the engine does not compute
     */
    public void shadow(List<RiskModel> shadowModels) {
        List<BoundModel> bound = shadowModels.stream().map(this::bind).toList();
        update(s -> new Setup(s.active(), bound, s.rules(), s.policy()));
    }

    public List<RiskModel> shadowModels() {
        return setup.get().shadows().stream().map(BoundModel::model).toList();
    }

    public void useRules(RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        update(s -> new Setup(s.active(), s.shadows(), rules, s.policy()));
    }

    public RuleSet rules() {
        return setup.get().rules();
    }

    public void usePolicy(DecisionPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        update(s -> new Setup(s.active(), s.shadows(), s.rules(), policy));
    }

    public DecisionPolicy policy() {
        return setup.get().policy();
    }

    /**
     * Refuses a model that needs a feature the engine does not compute: scoring it would silently
     * treat that feature as missing on every authorization.
     */
    private BoundModel bind(RiskModel model) {
        Objects.requireNonNull(model, "model");
        FeatureSchema schema = source.schema();
        List<String> unknown = model.featureNames().stream().filter(name -> schema.indexOf(name) < 0).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "model " + model.version() + " needs features the engine does not compute: " + unknown);
        }
        BoundModel bound = new BoundModel(model);
        bound.columns(schema);
        return bound;
    }

    private void update(UnaryOperator<Setup> change) {
        setup.updateAndGet(change);
    }

    /**
     * Matched rules first, then the most serious reasons Anshin's device module gave for the device (at
     * most {@value #MAX_DEVICE_REASONS}), then the features that pushed the score up most.
     */
    static List<Reason> reasons(List<RuleHit> hits, Authorization authorization, BoundModel active,
            FeatureVector vector, double[] contributions) {
        List<Reason> reasons = new ArrayList<>(MAX_REASONS);
        for (RuleHit hit : hits) {
            if (reasons.size() == MAX_REASONS) {
                return reasons;
            }
            reasons.add(new Reason(Reason.Kind.RULE, hit.ruleId(), hit.description(), 1.0));
        }
        DeviceFacts device = authorization.device() == null ? null : authorization.device().anshin();
        if (device != null) {
            for (String code : device.reasons().subList(0, Math.min(MAX_DEVICE_REASONS, device.reasons().size()))) {
                if (reasons.size() == MAX_REASONS) {
                    return reasons;
                }
                reasons.add(new Reason(Reason.Kind.DEVICE, code, "device: " + code, 0.0));
            }
        }
        if (contributions == null) {
            return reasons;
        }
        int room = Math.min(MAX_FEATURE_REASONS, MAX_REASONS - reasons.size());
        // Partial selection of the largest positive contributions; the bias (last element) is no feature.
        int features = contributions.length - 1;
        int[] chosen = new int[room];
        int count = 0;
        for (int i = 0; i < features; i++) {
            double c = contributions[i];
            if (!(c > 0)) {
                continue;
            }
            int at = count;
            while (at > 0 && contributions[chosen[at - 1]] < c) {
                at--;
            }
            if (at < room) {
                int last = Math.min(count, room - 1);
                System.arraycopy(chosen, at, chosen, at + 1, last - at);
                chosen[at] = i;
                count = Math.min(count + 1, room);
            }
        }
        List<String> names = active.model().featureNames();
        for (int k = 0; k < count; k++) {
            int i = chosen[k];
            String name = names.get(i);
            float value = active.valueOf(vector, i);
            reasons.add(new Reason(Reason.Kind.FEATURE, name, name + "=" + format(value), contributions[i]));
        }
        return reasons;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * About three significant digits: enough to explain, short enough to read. Hand-rolled because
     * BigDecimal rounding cost ~200 ns a value, per reason, per authorization.
     */
    static String format(float value) {
        if (Float.isNaN(value)) {
            return "missing";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs((double) value);
        int decimals = Math.max(0, Math.min(POW10.length - 1, 2 - (int) Math.floor(Math.log10(magnitude))));
        long scaled = Math.round(magnitude * POW10[decimals]);
        while (decimals > 0 && scaled % 10 == 0) {
            scaled /= 10;
            decimals--;
        }
        String digits = Long.toString(scaled);
        StringBuilder text = new StringBuilder(digits.length() + 3);
        if (value < 0 && scaled != 0) {
            text.append('-');
        }
        if (decimals == 0) {
            return text.append(digits).toString();
        }
        for (int pad = decimals + 1 - digits.length(); pad > 0; pad--) {
            text.append('0');
        }
        text.append(digits);
        return text.insert(text.length() - decimals, '.').toString();
    }

    /** Where the engine gets feature vectors; the real one is the {@link FeatureEngine}. */
    interface FeatureSource {
        FeatureVector observe(Authorization authorization);

        void learn(FraudLabel label);

        FeatureSchema schema();
    }

    /** The swappable parts, replaced as a whole. */
    private record Setup(BoundModel active, List<BoundModel> shadows, RuleSet rules, DecisionPolicy policy) {
    }

    /**
     * A model with the positions of its features in the engine's feature vector, so a model trained
     * on a subset of the features, or in another order, still gets the right columns. The mapping is
     * computed once per schema and cached.
     */
    static final class BoundModel {

        private final RiskModel model;
        private volatile Columns columns;

        BoundModel(RiskModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        RiskModel model() {
            return model;
        }

        /** The model's input for {@code vector}; features the schema lacks are missing (NaN). */
        float[] row(FeatureVector vector) {
            int[] index = columns(vector.schema()).index();
            // A fresh row per call: a few dozen floats, cheaper and safer than a per-thread buffer.
            float[] row = new float[index.length];
            float[] values = vector.values();
            for (int i = 0; i < index.length; i++) {
                row[i] = index[i] < 0 ? Float.NaN : values[index[i]];
            }
            return row;
        }

        float valueOf(FeatureVector vector, int modelFeature) {
            int i = columns(vector.schema()).index()[modelFeature];
            return i < 0 ? Float.NaN : vector.values()[i];
        }

        Columns columns(FeatureSchema schema) {
            Columns c = columns;
            if (c == null || (c.schema() != schema && !c.schema().equals(schema))) {
                c = Columns.of(model, schema);
                columns = c;
            }
            return c;
        }
    }

    private record Columns(FeatureSchema schema, int[] index) {
        static Columns of(RiskModel model, FeatureSchema schema) {
            List<String> names = model.featureNames();
            Map<String, Integer> positions = schema.indexByName();
            int[] index = new int[names.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = positions.getOrDefault(names.get(i), -1);
            }
            return new Columns(schema, index);
        }
    }
}
