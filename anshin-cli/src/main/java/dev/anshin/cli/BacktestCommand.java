package dev.anshin.cli;

import dev.anshin.handbook.HandbookSplit;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.training.Backtest;
import dev.anshin.training.BacktestOptions;
import dev.anshin.training.BacktestReport;
import dev.anshin.training.TrainingParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anshin fraud backtest}: the Handbook's protocol over a transaction file. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Measures the model on the Fraud Detection Handbook's protocol.",
                "",
                "Replays a transaction file (Handbook CSV layout) in time order through the feature engine, "
                        + "trains on the training window only, scores every test-window transaction with only what was "
                        + "known at that moment (labels known --delay-days after each transaction), and prints AUC "
                        + "ROC, average precision and Card Precision@100 on the Handbook's test set (known-compromised "
                        + "cards removed)."})
final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--transactions", required = true,
            description = "CSV with at least TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT, TX_FRAUD.")
    Path transactions;

    @Option(names = "--train-start", defaultValue = "2018-07-25", description = "First training day (default: ${DEFAULT-VALUE}).")
    LocalDate trainStart;

    @Option(names = "--train-days", defaultValue = "7", description = "Training days (default: ${DEFAULT-VALUE}).")
    int trainDays;

    @Option(names = "--delay-days", defaultValue = "7",
            description = "Days until a label is known; skipped between training and test (default: ${DEFAULT-VALUE}).")
    int delayDays;

    @Option(names = "--label-delay-days",
            description = "Days until a confirmed fraud reaches the features, when sooner than --delay-days "
                    + "(faster labels, same training rows and test set; default: --delay-days).")
    Integer labelDelayDays;

    @Option(names = "--test-days", defaultValue = "7", description = "Test days (default: ${DEFAULT-VALUE}).")
    int testDays;

    @Option(names = "--scores", description = "Write TRANSACTION_ID,SCORE of every test-window transaction here.")
    Path scores;

    @Option(names = "--rounds", description = "Boosting rounds (default: tuned).")
    Integer rounds;

    @Option(names = "--max-depth", description = "Tree depth (default: tuned).")
    Integer maxDepth;

    @Option(names = "--compare-device-features", description = "Also trains a model with the device-reputation "
            + "features withheld, on the same replay, and prints both.")
    boolean compareDeviceFeatures;

    @Option(names = "--compare-without", paramLabel = "FEATURE,...", description = "Also trains a model with these "
            + "features withheld (comma-separated names), on the same replay, and prints both; repeat the option for "
            + "several such models. With --compare-device-features, in place of the device-reputation features.")
    List<String> compareWithout;

    @Override
    public Integer call() {
        if (!Files.isReadable(transactions)) {
            System.err.println("cannot read " + transactions);
            return 2;
        }
        TrainingParameters defaults = TrainingParameters.defaults();
        TrainingParameters parameters = new TrainingParameters(rounds != null ? rounds : defaults.rounds(),
                maxDepth != null ? maxDepth : defaults.maxDepth(), defaults.eta(), defaults.subsample(),
                defaults.colsampleByTree(), defaults.minChildWeight(), defaults.seed());
        BacktestOptions options = new BacktestOptions(transactions, scores,
                new HandbookSplit(trainStart, trainDays, delayDays, testDays), parameters, labelDelayDays);
        if (!compareDeviceFeatures && compareWithout == null) {
            BacktestReport report = Backtest.run(options, new Progress());
            System.out.println(report.summary());
            System.out.printf(Locale.ROOT, "AUC=%.4f AP=%.4f CP@100=%.4f%n", report.auc(), report.averagePrecision(),
                    report.cardPrecisionAt100());
            return 0;
        }
        Progress progress = new Progress();
        Backtest.Windows windows = Backtest.replay(options, progress);
        BacktestReport with = Backtest.evaluate(windows, parameters, options, progress);
        List<List<String>> groups = compareWithout != null
                ? compareWithout.stream().map(group -> List.of(group.split(","))).toList()
                : List.of(FeatureEngine.deviceReputationFeatures());
        System.out.println(with.summary());
        System.out.printf(Locale.ROOT, "all features: AUC=%.4f AP=%.4f CP@100=%.4f%n", with.auc(),
                with.averagePrecision(), with.cardPrecisionAt100());
        for (int g = 0; g < groups.size(); g++) {
            BacktestReport without = Backtest.evaluateWithout(windows, groups.get(g), parameters, options, progress);
            System.out.printf(Locale.ROOT, "withheld %d:   AUC=%.4f AP=%.4f CP@100=%.4f  (%s)%n", g + 1, without.auc(),
                    without.averagePrecision(), without.cardPrecisionAt100(), String.join(",", groups.get(g)));
        }
        return 0;
    }
}
