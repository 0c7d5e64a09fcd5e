package dev.anshin.benchmarks;

import dev.anshin.handbook.HandbookSimulator;
import dev.anshin.handbook.HandbookTransaction;
import dev.anshin.handbook.SimulatorParameters;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.features.PendingLabels;
import dev.anshin.scoring.model.TreeEnsemble;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.Condition.Attribute;
import dev.anshin.scoring.rules.Condition.Comparison;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import dev.anshin.scoring.rules.RuleSet;
import dev.anshin.scoring.rules.RuleValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole scoring core per authorization — feature update, model with contributions, rules,
 * policy, reasons — over a Handbook stream (2,000 cards, 4,000 terminals): a model is trained on the
 * first 30 days' point-in-time features, and the following 30 days are scored, in time order, by an
 * engine whose feature state holds the history. The stream wraps around shifted by its span, so
 * time keeps moving forward however many operations JMH runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ScoringEngineBenchmark {

    private static final int TRAINING_DAYS = 30;
    private static final Duration LABEL_DELAY = Duration.ofDays(7);

    private ScoringEngine engine;
    private Authorization[] stream;
    private long spanSeconds;
    private int next;
    private int lap;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LocalDate start = LocalDate.of(2018, 4, 1);
        List<HandbookTransaction> transactions = new HandbookSimulator(
                new SimulatorParameters(2_000, 4_000, 2 * TRAINING_DAYS, start, 5.0, 1L)).run(line -> { })
                .transactions();
        Instant split = start.plusDays(TRAINING_DAYS).atStartOfDay().toInstant(ZoneOffset.UTC);

        FeatureEngine features = new FeatureEngine(FeatureConfig.defaults());
        PendingLabels pending = new PendingLabels();
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<Authorization> scored = new ArrayList<>();
        for (HandbookTransaction t : transactions) {
            Authorization a = authorization(t);
            if (a.timestamp().isBefore(split)) {
                pending.deliverUpTo(a.timestamp(), features);
                FeatureVector v = features.observe(a);
                rows.add(v.values());
                labels.add(t.fraud() ? 1f : 0f);
                pending.add(new FraudLabel(a.authorizationId(), a.cardToken(), a.terminalId(), a.merchantId(),
                        a.timestamp(), t.fraud(), a.timestamp().plus(LABEL_DELAY)));
            } else {
                scored.add(a);
            }
        }
        pending.deliverAll(features);

        TreeEnsemble model = train(rows, labels);
        engine = new ScoringEngine(features, model, rules(scored), DecisionPolicy.defaults());
        stream = scored.toArray(Authorization[]::new);
        spanSeconds = stream[stream.length - 1].timestamp().getEpochSecond() - stream[0].timestamp().getEpochSecond()
                + 1;
        System.out.printf("%n%d training rows (%d frauds), %d authorizations in the scored stream%n",
                rows.size(), labels.stream().filter(l -> l > 0).count(), stream.length);
    }

    @Benchmark
    public RiskDecision score() {
        Authorization a = stream[next];
        if (lap > 0) {
            a = shifted(a, lap * spanSeconds);
        }
        if (++next == stream.length) {
            next = 0;
            lap++;
        }
        return engine.score(a);
    }

    private static TreeEnsemble train(List<float[]> rows, List<Float> labels) throws Exception {
        int width = FeatureEngine.schema().size();
        float[] x = new float[rows.size() * width];
        float[] y = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * width, width);
            y[r] = labels.get(r);
        }
        DMatrix matrix = new DMatrix(x, rows.size(), width, Float.NaN);
        matrix.setLabel(y);
        Booster booster = XGBoost.train(matrix, Map.of("objective", "binary:logistic", "max_depth", 6, "eta", 0.1,
                "subsample", 0.8, "colsample_bytree", 0.8, "seed", 7, "nthread", 2), 100, Map.of(), null, null);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        booster.saveModel(json, "json");
        booster.dispose();
        matrix.dispose();
        return TreeEnsemble.fromXgboostJson("bench-handbook", FeatureEngine.schema().names(),
                new ByteArrayInputStream(json.toByteArray()));
    }

    /** A plausible issuer rule set: velocity, amount outliers, terminal risk, deny and allow lists. */
    private static RuleSet rules(List<Authorization> stream) {
        Set<String> deniedTerminals = new HashSet<>();
        Set<String> allowedCards = new HashSet<>();
        for (int i = 0; i < stream.size() && deniedTerminals.size() < 100; i += 997) {
            deniedTerminals.add(stream.get(i).terminalId());
        }
        for (int i = 0; i < stream.size() && allowedCards.size() < 50; i += 1_999) {
            allowedCards.add(stream.get(i).cardToken());
        }
        RuleSet rules = new RuleSet(1, List.of(
                rule("deny-terminal", RuleAction.DECLINE, new Condition.InList(Attribute.TERMINAL, deniedTerminals)),
                rule("deny-mcc", RuleAction.DECLINE, new Condition.InList(Attribute.MCC, Set.of("7995", "6051"))),
                rule("allow-card", RuleAction.ALLOW, new Condition.InList(Attribute.CARD, allowedCards)),
                rule("velocity-card-1h", RuleAction.REVIEW, threshold("card_tx_count_1h", Comparison.GT, 5)),
                rule("velocity-card-1d", RuleAction.DECLINE, threshold("card_tx_count_1d", Comparison.GT, 20)),
                rule("amount-outlier", RuleAction.REVIEW, threshold("card_amount_ratio_30d", Comparison.GT, 5)),
                rule("terminal-risk-7d", RuleAction.REVIEW, threshold("terminal_fraud_ratio_7d", Comparison.GE, 0.5)),
                rule("new-device-large-ecommerce", RuleAction.REVIEW, new Condition.AllOf(List.of(
                        threshold("is_ecommerce", Comparison.EQ, 1),
                        threshold("card_first_device_use", Comparison.EQ, 1),
                        threshold("amount", Comparison.GT, 500))))));
        for (Rule rule : rules.rules()) {
            List<String> problems = RuleValidator.validate(rule, FeatureEngine.schema());
            if (!problems.isEmpty()) {
                throw new IllegalStateException(rule.id() + ": " + problems);
            }
        }
        return rules;
    }

    private static Rule rule(String id, RuleAction action, Condition condition) {
        return new Rule(id, 1, id.replace('-', ' '), action, condition, true);
    }

    private static Condition threshold(String feature, Comparison comparison, double value) {
        return new Condition.FeatureThreshold(feature, comparison, value);
    }

    private static final PosEntryMode[] MODES = {PosEntryMode.CHIP, PosEntryMode.CONTACTLESS, PosEntryMode.CHIP,
        PosEntryMode.ECOMMERCE, PosEntryMode.MAGSTRIPE};
    private static final String[] MCCS = {"5411", "5812", "5541", "5999", "4111", "5732", "7011", "5311"};

    /** A Handbook row as an authorization; merchant, MCC and entry mode derived from the terminal. */
    private static Authorization authorization(HandbookTransaction t) {
        int terminal = Math.abs(t.terminalId().hashCode());
        PosEntryMode mode = MODES[terminal % MODES.length];
        boolean ecommerce = mode == PosEntryMode.ECOMMERCE;
        DeviceData device = ecommerce
                ? new DeviceData("dev-" + t.customerId(), "02", "Mozilla/5.0", "fr-FR", -60, 1920, 1080)
                : null;
        return new Authorization("tx-" + t.transactionId(), "card-" + t.customerId(), t.amountCents(), "EUR",
                "merchant-" + terminal % 800, MCCS[terminal % MCCS.length], t.terminalId(), "FR", mode,
                !ecommerce, t.dateTime().toInstant(ZoneOffset.UTC), device, ecommerce ? "198.51.100.1" : null);
    }

    private static Authorization shifted(Authorization a, long seconds) {
        return new Authorization(a.authorizationId(), a.cardToken(), a.amountMinor(), a.currency(), a.merchantId(),
                a.mcc(), a.terminalId(), a.merchantCountry(), a.posEntryMode(), a.cardPresent(),
                a.timestamp().plusSeconds(seconds), a.device(), a.ipAddress());
    }
}
