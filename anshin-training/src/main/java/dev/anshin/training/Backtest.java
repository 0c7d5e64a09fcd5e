package dev.anshin.training;

import dev.anshin.handbook.HandbookCsv;
import dev.anshin.handbook.HandbookMetrics.ScoredCardTransaction;
import dev.anshin.handbook.HandbookMetrics;
import dev.anshin.handbook.HandbookSplit;
import dev.anshin.handbook.HandbookTransaction;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.features.FeatureVector;
import dev.anshin.scoring.features.PendingLabels;
import dev.anshin.scoring.model.TreeEnsemble;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Handbook backtest: replays a transaction file in time order through one feature engine
 * (fraud labels arriving {@link BacktestOptions#effectiveLabelDelayDays()} after each transaction),
 * trains on the training window,
 * scores the test window and measures AUC, AP and Card Precision@100 on the Handbook's test set.
 * Only the two windows' feature rows are kept in memory; rows are streamed from the file.
 */
public final class Backtest {

    private static final int PROGRESS_EVERY = 250_000;
    private static final int CARD_PRECISION_K = 100;

    private Backtest() {
    }

    public static BacktestReport run(BacktestOptions options, Consumer<String> progress) {
        long started = System.nanoTime();
        Windows windows = replay(options, progress);
        return evaluate(windows, options.parameters(), options, progress, started, List.of());
    }

    /**
     * The feature rows of the training and test windows after one replay, so several parameter
     * sets can be compared on the same replay.
     */
    public static final class Windows {

        private final HandbookSplit split;
        private final long rowsReplayed;
        private final FeatureMatrix train;
        private final FeatureMatrix test;
        private final List<Long> testIds;
        private final List<String> testCards;
        private final List<LocalDate> testDays;
        private final Map<LocalDate, Set<String>> fraudCardsByDate;

        private final int testWindowFraudsOnReportedCards;

        private Windows(HandbookSplit split, long rowsReplayed, Replay replay) {
            this.split = split;
            this.testWindowFraudsOnReportedCards = replay.testFraudsOnReportedCards;
            this.rowsReplayed = rowsReplayed;
            this.train = replay.train;
            this.test = replay.test;
            this.testIds = replay.testIds;
            this.testCards = replay.testCards;
            this.testDays = replay.testDays;
            this.fraudCardsByDate = replay.fraudCardsByDate;
        }

        public FeatureMatrix train() {
            return train;
        }

        public FeatureMatrix test() {
            return test;
        }

        public long rowsReplayed() {
            return rowsReplayed;
        }
    }

    /** Replays the file once and keeps the two windows' feature rows. */
    public static Windows replay(BacktestOptions options, Consumer<String> progress) {
        long started = System.nanoTime();
        HandbookSplit split = options.split();
        Duration delay = Duration.ofDays(options.effectiveLabelDelayDays());
        FeatureEngine engine = new FeatureEngine(new FeatureConfig(delay, FeatureConfig.defaults().idleEviction()));
        Replay replay = new Replay(engine, split, delay, FeatureEngine.schema().size(), progress);
        long replayed = HandbookCsv.streamWhile(options.transactions(), replay::accept);
        progress.accept(String.format("replayed %,d rows in %.1f s; %,d keys tracked", replayed,
                (System.nanoTime() - started) / 1e9, engine.trackedKeys()));
        return new Windows(split, replayed, replay);
    }

    /** Trains on the replayed training window with {@code parameters} and measures the test window. */
    public static BacktestReport evaluate(Windows windows, TrainingParameters parameters, BacktestOptions options,
            Consumer<String> progress) {
        return evaluate(windows, parameters, options, progress, System.nanoTime(), List.of());
    }

    /**
     * The same with the features named in {@code withheld} hidden from the model (missing in every
     * training and test row, so no tree can split on them): what those features add is the difference
     * to {@link #evaluate(Windows, TrainingParameters, BacktestOptions, Consumer)} on the same replay.
     */
    public static BacktestReport evaluateWithout(Windows windows, Collection<String> withheld,
            TrainingParameters parameters, BacktestOptions options, Consumer<String> progress) {
        return evaluate(windows, parameters, options, progress, System.nanoTime(), withheld);
    }

    private static BacktestReport evaluate(Windows windows, TrainingParameters parameters, BacktestOptions options,
            Consumer<String> progress, long started, Collection<String> withheld) {
        HandbookSplit split = windows.split;
        Instant trainFrom = split.trainStart().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant trainTo = split.trainEnd().atStartOfDay().toInstant(ZoneOffset.UTC);
        int[] hidden = withheld.stream().mapToInt(name -> {
            int index = FeatureEngine.schema().indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("no such feature: " + name);
            }
            return index;
        }).toArray();
        FeatureMatrix train = windows.train.withMissing(hidden);
        TrainedModel model = new ModelTrainer().fit(train, parameters, trainFrom, trainTo, progress);

        FeatureMatrix test = windows.test.withMissing(hidden);
        progress.accept(String.format("scoring %,d test-window rows", test.rows()));
        double[] scores = score(model, test);
        if (options.scoresOut() != null) {
            writeScores(options, windows.testIds, scores);
        }

        List<Integer> window = new ArrayList<>(test.rows());
        for (int i = 0; i < test.rows(); i++) {
            window.add(i);
        }
        List<Integer> kept = HandbookMetrics.testSet(split, windows.fraudCardsByDate, window,
                i -> windows.testDays.get(i), i -> windows.testCards.get(i));
        double[] keptScores = new double[kept.size()];
        boolean[] keptLabels = new boolean[kept.size()];
        List<ScoredCardTransaction> cards = new ArrayList<>(kept.size());
        int testFrauds = 0;
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            keptScores[k] = scores[i];
            keptLabels[k] = test.fraud(i);
            testFrauds += keptLabels[k] ? 1 : 0;
            cards.add(new ScoredCardTransaction(windows.testDays.get(i), windows.testCards.get(i), scores[i],
                    keptLabels[k]));
        }
        BacktestReport report = new BacktestReport(split, options.effectiveLabelDelayDays(), windows.rowsReplayed,
                windows.train.rows(), windows.train.frauds(), test.rows(), test.frauds(),
                windows.testWindowFraudsOnReportedCards, kept.size(), testFrauds,
                HandbookMetrics.aucRoc(keptScores, keptLabels), HandbookMetrics.averagePrecision(keptScores, keptLabels),
                HandbookMetrics.cardPrecisionAtK(cards, CARD_PRECISION_K), (System.nanoTime() - started) / 1e9, model);
        progress.accept(report.summary());
        return report;
    }

    /**
     * Fraud probabilities of {@code rows} under {@code model}, from the serving evaluator
     * ({@link TreeEnsemble}) rather than XGBoost4J, so the figures are those of the code that
     * decides in production.
     */
    static double[] score(TrainedModel model, FeatureMatrix rows) {
        TreeEnsemble ensemble;
        try {
            ensemble = TreeEnsemble.fromXgboostJson("backtest", model.featureNames(),
                    new ByteArrayInputStream(model.xgboostJson().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trained model", e);
        }
        double[] scores = new double[rows.rows()];
        float[] row = new float[rows.columns()];
        for (int i = 0; i < scores.length; i++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = rows.value(i, c);
            }
            scores[i] = ensemble.score(row);
        }
        return scores;
    }

    /**
     * A Handbook row as the authorization an issuer would have sent: a card-present chip payment, or
     * an online one from its device when the row has one.
     */
    public static Authorization authorization(HandbookTransaction row, Instant at) {
        if (row.deviceId() == null) {
            return new Authorization(Long.toString(row.transactionId()), row.customerId(), row.amountCents(), "EUR",
                    row.terminalId(), "5999", row.terminalId(), null, PosEntryMode.CHIP, true, at, null, null);
        }
        // The simulator's device layer: an online payment from a browser, of which only the device is known.
        return new Authorization(Long.toString(row.transactionId()), row.customerId(), row.amountCents(), "EUR",
                row.terminalId(), "5999", row.terminalId(), null, PosEntryMode.ECOMMERCE, false, at,
                new DeviceData(row.deviceId(), "02", null, null, null, null, null), null);
    }

    private static void writeScores(BacktestOptions options, List<Long> ids, double[] scores) {
        try (BufferedWriter out = Files.newBufferedWriter(options.scoresOut(), StandardCharsets.UTF_8)) {
            out.write("TRANSACTION_ID,SCORE\n");
            for (int i = 0; i < scores.length; i++) {
                out.write(ids.get(i) + "," + scores[i] + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** State of one replay: the engine, pending labels and the rows of the two windows. */
    private static final class Replay {

        private final FeatureEngine engine;
        private final HandbookSplit split;
        private final Duration delay;
        private final Consumer<String> progress;
        /** When each card's first fraud became known (its label arrived). */
        private final Map<String, Instant> cardReportedAt = new HashMap<>();
        int testFraudsOnReportedCards;
        private final PendingLabels pending = new PendingLabels();
        private final java.time.LocalDateTime end;
        final FeatureMatrix train;
        final FeatureMatrix test;
        final List<Long> testIds = new ArrayList<>();
        final List<String> testCards = new ArrayList<>();
        final List<LocalDate> testDays = new ArrayList<>();
        final Map<LocalDate, Set<String>> fraudCardsByDate = new HashMap<>();
        private long rows;
        private LocalDate lastEvictedDay;

        Replay(FeatureEngine engine, HandbookSplit split, Duration delay, int columns, Consumer<String> progress) {
            this.engine = engine;
            this.split = split;
            this.delay = delay;
            this.progress = progress;
            this.end = split.testEnd().atStartOfDay();
            this.train = new FeatureMatrix(columns);
            this.test = new FeatureMatrix(columns);
        }

        boolean accept(HandbookTransaction row) {
            if (!row.dateTime().isBefore(end)) {
                return false; // time-ordered: nothing after the test window matters
            }
            Instant at = row.dateTime().toInstant(ZoneOffset.UTC);
            pending.deliverUpTo(at, engine);
            LocalDate day = row.dateTime().toLocalDate();
            if (!day.equals(lastEvictedDay)) {
                engine.evictIdle(at);
                lastEvictedDay = day;
            }
            FeatureVector features = engine.observe(authorization(row, at));
            // genuine labels change no feature (ratios divide by all transactions), so only frauds queue
            if (row.fraud() && split.inTest(row.dateTime())) {
                Instant reported = cardReportedAt.get(row.customerId());
                if (reported != null && !reported.isAfter(at)) {
                    testFraudsOnReportedCards++; // the card could have been blocked by now
                }
            }
            if (row.fraud()) {
                pending.add(new FraudLabel(Long.toString(row.transactionId()), row.customerId(), row.terminalId(),
                        row.terminalId(), at, true, at.plus(delay), row.deviceId()));
                cardReportedAt.merge(row.customerId(), at.plus(delay), (a, b) -> a.isBefore(b) ? a : b);
                fraudCardsByDate.computeIfAbsent(day, d -> new HashSet<>()).add(row.customerId());
            }
            if (split.inTraining(row.dateTime())) {
                train.add(features, row.fraud());
            } else if (split.inTest(row.dateTime())) {
                test.add(features, row.fraud());
                testIds.add(row.transactionId());
                testCards.add(row.customerId());
                testDays.add(day);
            }
            if (++rows % PROGRESS_EVERY == 0) {
                progress.accept(String.format("replayed %,d rows (at %s)", rows, day));
            }
            return true;
        }
    }

}
