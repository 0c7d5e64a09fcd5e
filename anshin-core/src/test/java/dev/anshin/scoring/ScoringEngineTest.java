package dev.anshin.scoring;

import static dev.anshin.scoring.Authorizations.supermarketPurchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.anshin.scoring.features.FeatureSchema;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import dev.anshin.scoring.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringEngineTest {

    static final FeatureSchema SCHEMA = new FeatureSchema(
            List.of("card_count_1h", "card_amount_ratio_30d", "terminal_risk_28d", "merchant_new_device"));

    /** Always the same features, whatever the authorization; remembers what it observed. */
    static final class FixedFeatures implements ScoringEngine.FeatureSource {
        final List<Authorization> observed = new ArrayList<>();
        final List<FraudLabel> learned = new ArrayList<>();
        float[] values = {2f, 4.8f, 0.25f, Float.NaN};

        @Override
        public FeatureVector observe(Authorization authorization) {
            observed.add(authorization);
            return new FeatureVector(SCHEMA, values.clone());
        }

        @Override
        public void learn(FraudLabel label) {
            learned.add(label);
        }

        @Override
        public FeatureSchema schema() {
            return SCHEMA;
        }
    }

    /** margin = Σ weight·value over its own features (NaN counts 0); contributions are the terms. */
    record LinearModel(String version, List<String> featureNames, double[] weights) implements RiskModel {
        @Override
        public double score(float[] features) {
            double margin = 0;
            for (double c : contributions(features)) {
                margin += c;
            }
            return 1 / (1 + Math.exp(-margin));
        }

        @Override
        public double[] contributions(float[] features) {
            double[] c = new double[weights.length + 1];
            for (int i = 0; i < weights.length; i++) {
                c[i] = Float.isNaN(features[i]) ? 0 : weights[i] * features[i];
            }
            return c;
        }
    }

    static final Rule VELOCITY = new Rule("velocity-card-1h", 1, "More than 5 authorizations on the card in 1 h",
            RuleAction.REVIEW, new Condition.FeatureThreshold("card_count_1h", Condition.Comparison.GT, 5), true);
    static final Rule DENY_TERMINAL = new Rule("deny-terminal", 1, "Terminal on the deny list", RuleAction.DECLINE,
            new Condition.InList(Condition.Attribute.TERMINAL, Set.of("term-1")), true);

    private final FixedFeatures features = new FixedFeatures();

    private ScoringEngine engine(RiskModel model, RuleSet rules) {
        return new ScoringEngine(null, features, model, rules, DecisionPolicy.defaults());
    }

    /** Trained on two of the features, in the reverse of the engine's order. */
    private static final RiskModel SUBSET_MODEL = new LinearModel("m-subset",
            List.of("terminal_risk_28d", "card_amount_ratio_30d"), new double[] {2.0, 0.5});

    @Test
    void withoutAModelScoresZeroAndDecidesByRules() {
        RiskDecision decision = engine(null, new RuleSet(4, List.of(DENY_TERMINAL))).score(supermarketPurchase());

        assertThat(decision.score()).isZero();
        assertThat(decision.modelVersion()).isEqualTo("none");
        assertThat(decision.decision()).isEqualTo(Decision.DECLINE);
        assertThat(decision.ruleSetVersion()).isEqualTo(4);
        assertThat(decision.reasons()).extracting(Reason::code).containsExactly("deny-terminal");
    }

    /** Approves everything the rules let through; the rules-only decision must not. */
    private static final RiskModel LENIENT_MODEL = new LinearModel("m-lenient",
            List.of("card_count_1h"), new double[] {-10.0});
    static final Rule ALLOW_TERMINAL = new Rule("allow-terminal", 1, "Terminal on the allow list", RuleAction.ALLOW,
            new Condition.InList(Condition.Attribute.TERMINAL, Set.of("term-1")), true);

    @Test
    void byRulesAloneReviewsWhatNoRuleDecidesEvenWhereTheModelWouldApprove() {
        ScoringEngine engine = engine(LENIENT_MODEL, RuleSet.EMPTY);
        assertThat(engine.score(supermarketPurchase()).decision()).isEqualTo(Decision.APPROVE);

        RiskDecision decision = engine.decideByRules(supermarketPurchase());

        assertThat(decision.decision()).isEqualTo(Decision.REVIEW);
        assertThat(decision.modelVersion()).isEqualTo(ScoringEngine.RULES_ONLY);
        assertThat(decision.score()).isZero();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void byRulesAloneApprovesOnlyWhatAnAllowRuleAllows() {
        RiskDecision decision = engine(LENIENT_MODEL, new RuleSet(3, List.of(ALLOW_TERMINAL)))
                .decideByRules(supermarketPurchase());

        assertThat(decision.decision()).isEqualTo(Decision.APPROVE);
        assertThat(decision.ruleSetVersion()).isEqualTo(3);
        assertThat(decision.reasons()).extracting(Reason::code).containsExactly("allow-terminal");
    }

    @Test
    void byRulesAloneDeclinesWhatADeclineRuleDeclinesAndRecordsTheFeatures() {
        ScoringEngine engine = engine(LENIENT_MODEL, new RuleSet(2, List.of(DENY_TERMINAL)));
        engine.shadow(List.of(SUBSET_MODEL));

        RiskDecision decision = engine.decideByRules(supermarketPurchase());

        assertThat(decision.decision()).isEqualTo(Decision.DECLINE);
        assertThat(decision.shadowScores()).isEmpty();
        assertThat(features.observed).containsExactly(supermarketPurchase());
    }

    @Test
    void namesTheDeviceModulesMostSeriousReasonsAfterTheRulesAndBeforeTheFeatures() {
        Authorization a = supermarketPurchase();
        Authorization recognised = new Authorization(a.authorizationId(), a.cardToken(), a.amountMinor(), a.currency(),
                a.merchantId(), a.mcc(), a.terminalId(), a.merchantCountry(), a.posEntryMode(), a.cardPresent(),
                a.timestamp(), a.device().recognisedAs("anshin-device-1", new DeviceFacts(true, 0, 1, 0,
                        List.of("CONFIRMED_FRAUD", "AUTOMATION", "LANGUAGE_NOT_JAPANESE"))), a.ipAddress());

        RiskDecision decision = engine(SUBSET_MODEL, new RuleSet(1, List.of(DENY_TERMINAL))).score(recognised);
        RiskDecision plain = engine(SUBSET_MODEL, new RuleSet(1, List.of(DENY_TERMINAL))).score(a);

        assertThat(decision.reasons()).extracting(Reason::kind).containsExactly(Reason.Kind.RULE, Reason.Kind.DEVICE,
                Reason.Kind.DEVICE, Reason.Kind.FEATURE, Reason.Kind.FEATURE);
        assertThat(decision.reasons()).extracting(Reason::code).containsSubsequence("deny-terminal",
                "CONFIRMED_FRAUD", "AUTOMATION");
        assertThat(plain.reasons()).extracting(Reason::kind).doesNotContain(Reason.Kind.DEVICE);
    }

    @Test
    void recordsTheAuthorizationInTheFeatureState() {
        engine(null, RuleSet.EMPTY).score(supermarketPurchase());

        assertThat(features.observed).containsExactly(supermarketPurchase());
    }

    @Test
    void feedsModelsTheirFeaturesByNameWhateverTheOrder() {
        RiskDecision decision = engine(SUBSET_MODEL, RuleSet.EMPTY).score(supermarketPurchase());

        // 2.0 * 0.25 + 0.5 * 4.8 = 2.9
        assertThat(decision.score()).isCloseTo(1 / (1 + Math.exp(-(2.0 * 0.25f + 0.5 * 4.8f))), within(1e-9));
        assertThat(decision.modelVersion()).isEqualTo("m-subset");
        assertThat(decision.decision()).isEqualTo(Decision.DECLINE);
    }

    @Test
    void explainsWithTheFeaturesThatRaisedTheScoreMost() {
        RiskDecision decision = engine(SUBSET_MODEL, RuleSet.EMPTY).score(supermarketPurchase());

        assertThat(decision.reasons()).containsExactly(
                new Reason(Reason.Kind.FEATURE, "card_amount_ratio_30d", "card_amount_ratio_30d=4.8", 0.5 * 4.8f),
                new Reason(Reason.Kind.FEATURE, "terminal_risk_28d", "terminal_risk_28d=0.25", 2.0 * 0.25f));
    }

    @Test
    void listsMatchedRulesBeforeFeatures() {
        features.values = new float[] {9f, 4.8f, 0.25f, 1f};
        RiskDecision decision = engine(SUBSET_MODEL, new RuleSet(1, List.of(VELOCITY))).score(supermarketPurchase());

        assertThat(decision.reasons()).extracting(Reason::kind, Reason::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Reason.Kind.RULE, "velocity-card-1h"),
                org.assertj.core.groups.Tuple.tuple(Reason.Kind.FEATURE, "card_amount_ratio_30d"),
                org.assertj.core.groups.Tuple.tuple(Reason.Kind.FEATURE, "terminal_risk_28d"));
        assertThat(decision.reasons().get(0).description()).isEqualTo("More than 5 authorizations on the card in 1 h");
        assertThat(decision.reasons().get(0).weight()).isEqualTo(1.0);
    }

    @Test
    void givesAtMostThreeFeatureReasonsAndOnlyPositiveOnes() {
        RiskModel all = new LinearModel("m-all", SCHEMA.names(), new double[] {0.1, 1, -3, 5});
        features.values = new float[] {1f, 1f, 1f, 1f};

        RiskDecision decision = engine(all, RuleSet.EMPTY).score(supermarketPurchase());

        assertThat(decision.reasons()).extracting(Reason::code)
                .containsExactly("merchant_new_device", "card_amount_ratio_30d", "card_count_1h");
    }

    @Test
    void scoresShadowModelsWithoutLettingThemDecide() {
        ScoringEngine engine = engine(null, RuleSet.EMPTY);
        engine.shadow(List.of(SUBSET_MODEL));

        RiskDecision decision = engine.score(supermarketPurchase());

        assertThat(decision.decision()).isEqualTo(Decision.APPROVE);
        assertThat(decision.shadowScores()).containsOnlyKeys("m-subset");
        assertThat(decision.shadowScores().get("m-subset")).isGreaterThan(0.9);
    }

    @Test
    void aFailingShadowModelDoesNotStopScoring() {
        ScoringEngine engine = engine(null, RuleSet.EMPTY);
        engine.shadow(List.of(new FailingModel(), SUBSET_MODEL));

        assertThat(engine.score(supermarketPurchase()).shadowScores()).containsOnlyKeys("m-subset");
    }

    @Test
    void appliesSwappedModelRulesAndPolicyToTheNextAuthorization() {
        ScoringEngine engine = engine(null, RuleSet.EMPTY);
        assertThat(engine.score(supermarketPurchase()).decision()).isEqualTo(Decision.APPROVE);

        engine.activate(SUBSET_MODEL);
        assertThat(engine.activeModel()).isSameAs(SUBSET_MODEL);
        assertThat(engine.score(supermarketPurchase()).decision()).isEqualTo(Decision.DECLINE);

        engine.usePolicy(new DecisionPolicy(0.99, 1.0));
        assertThat(engine.score(supermarketPurchase()).decision()).isEqualTo(Decision.APPROVE);

        engine.useRules(new RuleSet(2, List.of(DENY_TERMINAL)));
        RiskDecision decision = engine.score(supermarketPurchase());
        assertThat(decision.decision()).isEqualTo(Decision.DECLINE);
        assertThat(decision.ruleSetVersion()).isEqualTo(2);

        engine.activate(null);
        assertThat(engine.score(supermarketPurchase()).modelVersion()).isEqualTo("none");
    }

    @Test
    void everyDecisionComesFromOneModelEvenWhileModelsAreSwapped() throws Exception {
        RiskModel low = new LinearModel("m-low", List.of("card_count_1h"), new double[] {-2});
        RiskModel high = new LinearModel("m-high", List.of("card_count_1h"), new double[] {2});
        ScoringEngine engine = engine(low, RuleSet.EMPTY);
        Thread swapper = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                engine.activate(i % 2 == 0 ? high : low);
            }
        });

        swapper.start();
        List<String> inconsistent = new ArrayList<>();
        while (swapper.isAlive()) {
            RiskDecision d = engine.score(supermarketPurchase());
            boolean highScore = d.score() > 0.5;
            if (highScore != d.modelVersion().equals("m-high")
                    || !d.reasons().isEmpty() != d.modelVersion().equals("m-high")) {
                inconsistent.add(d.modelVersion() + " " + d.score() + " " + d.reasons());
            }
        }
        swapper.join();

        assertThat(inconsistent).isEmpty();
    }

    @Test
    void refusesAModelNeedingAFeatureTheEngineDoesNotCompute() {
        ScoringEngine engine = engine(null, RuleSet.EMPTY);
        RiskModel alien = new LinearModel("m-alien", List.of("ip_country_mismatch"), new double[] {1});

        assertThatThrownBy(() -> engine.activate(alien))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ip_country_mismatch");
        assertThat(engine.activeModel()).isNull();
    }

    @Test
    void passesLabelsToTheFeatures() {
        FraudLabel label = new FraudLabel("auth-1", "card-tok-1", "term-1", "merchant-1",
                supermarketPurchase().timestamp(), true, supermarketPurchase().timestamp().plusSeconds(86_400));

        engine(null, RuleSet.EMPTY).learn(label);

        assertThat(features.learned).containsExactly(label);
    }

    @Test
    void reportsItsOwnLatency() {
        RiskDecision decision = engine(SUBSET_MODEL, RuleSet.EMPTY).score(supermarketPurchase());

        assertThat(decision.latencyMicros()).isBetween(0L, 1_000_000L);
        assertThat(decision.authorizationId()).isEqualTo("auth-1");
    }

    @Test
    void formatsFeatureValuesShortly() {
        assertThat(ScoringEngine.format(4.8f)).isEqualTo("4.8");
        assertThat(ScoringEngine.format(12f)).isEqualTo("12");
        assertThat(ScoringEngine.format(0.123456f)).isEqualTo("0.123");
        assertThat(ScoringEngine.format(Float.NaN)).isEqualTo("missing");
        assertThat(ScoringEngine.format(-2.345f)).isEqualTo("-2.35");
        assertThat(ScoringEngine.format(12.34f)).isEqualTo("12.3");
        assertThat(ScoringEngine.format(1234.5f)).isEqualTo("1235");
        assertThat(ScoringEngine.format(0.00042f)).isEqualTo("0.00042");
        assertThat(ScoringEngine.format(0.0004f)).isEqualTo("0.0004");
        assertThat(ScoringEngine.format(-0.0001f)).isEqualTo("-0.0001");
        assertThat(ScoringEngine.format(9.999f)).isEqualTo("10");
    }

    private static final class FailingModel implements RiskModel {
        @Override
        public String version() {
            return "m-failing";
        }

        @Override
        public List<String> featureNames() {
            return List.of("card_count_1h");
        }

        @Override
        public double score(float[] features) {
            throw new IllegalStateException("boom");
        }

        @Override
        public double[] contributions(float[] features) {
            throw new IllegalStateException("boom");
        }
    }
}
