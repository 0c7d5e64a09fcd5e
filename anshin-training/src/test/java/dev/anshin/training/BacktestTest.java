package dev.anshin.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anshin.handbook.DeviceLayer;
import dev.anshin.handbook.HandbookCsv;
import dev.anshin.handbook.HandbookMetrics;
import dev.anshin.handbook.HandbookSimulator;
import dev.anshin.handbook.HandbookSplit;
import dev.anshin.handbook.Simulation;
import dev.anshin.handbook.SimulatorParameters;
import dev.anshin.scoring.features.FeatureEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestTest {

    @TempDir
    Path dir;

    @Test
    void smallSimulationBacktestsClearlyBetterThanChance() throws IOException {
        // the book's density (2 terminals per customer, ~1 transaction per terminal a day) at 2/5 of its size:
        // with fewer terminals, 2 compromises a day would taint most terminals and swamp the signal
        SimulatorParameters small = new SimulatorParameters(2_000, 4_000, 60, LocalDate.of(2018, 4, 1), 5.0, 3L);
        Simulation simulation = new HandbookSimulator(small).run(line -> { });
        Path csv = dir.resolve("small.csv");
        HandbookCsv.write(csv, simulation);
        HandbookSplit split = new HandbookSplit(LocalDate.of(2018, 4, 26), 7, 7, 7);
        Path scores = dir.resolve("scores.csv");
        List<String> progress = new ArrayList<>();

        BacktestReport report = Backtest.run(new BacktestOptions(csv, scores, split,
                new TrainingParameters(100, 4, 0.1, 0.8, 0.8, 1.0, 0L)), progress::add);

        assertThat(report.auc()).isGreaterThan(0.8);
        assertThat(report.averagePrecision()).isGreaterThan(0.3);
        assertThat(report.testRows()).isEqualTo(HandbookMetrics.testSet(split, simulation.transactions()).size());
        assertThat(report.trainRows()).isEqualTo((int) simulation.transactions().stream()
                .filter(t -> split.inTraining(t.dateTime())).count());
        assertThat(Files.readAllLines(scores)).hasSize(report.testWindowRows() + 1).first()
                .isEqualTo("TRANSACTION_ID,SCORE");
        assertThat(progress).anyMatch(line -> line.startsWith("training on"));
        assertThat(report.rowsReplayed()).isLessThan(simulation.transactions().size()); // stops after the test window

        // Labels after 1 day instead of 7: same training rows and test set, and more of the test
        // window's frauds fall on cards already reported (which a block at the report would stop).
        BacktestReport fast = Backtest.run(new BacktestOptions(csv, null, split,
                new TrainingParameters(100, 4, 0.1, 0.8, 0.8, 1.0, 0L), 1), progress::add);
        assertThat(fast.labelDelayDays()).isEqualTo(1);
        assertThat(report.labelDelayDays()).isEqualTo(7);
        assertThat(fast.testRows()).isEqualTo(report.testRows());
        assertThat(fast.trainRows()).isEqualTo(report.trainRows());
        assertThat(fast.testWindowFraudsOnReportedCards()).isGreaterThan(report.testWindowFraudsOnReportedCards());
        assertThat(fast.testWindowFraudsOnReportedCards()).isLessThanOrEqualTo(fast.testWindowFrauds());
    }

    @Test
    void deviceFeaturesAreWithheldFromTheComparedModelOnTheSameReplay() throws IOException {
        SimulatorParameters small = new SimulatorParameters(2_000, 4_000, 60, LocalDate.of(2018, 4, 1), 5.0, 3L)
                .withDevices(new DeviceLayer(0.3, 0.9));
        Simulation simulation = new HandbookSimulator(small).run(line -> { });
        Path csv = dir.resolve("devices.csv");
        HandbookCsv.write(csv, simulation);
        HandbookSplit split = new HandbookSplit(LocalDate.of(2018, 4, 26), 7, 7, 7);
        TrainingParameters parameters = new TrainingParameters(100, 4, 0.1, 0.8, 0.8, 1.0, 0L);
        BacktestOptions options = new BacktestOptions(csv, null, split, parameters);
        List<String> progress = new ArrayList<>();

        Backtest.Windows windows = Backtest.replay(options, progress::add);
        BacktestReport with = Backtest.evaluate(windows, parameters, options, progress::add);
        BacktestReport without = Backtest.evaluateWithout(windows, FeatureEngine.deviceReputationFeatures(), parameters,
                options, progress::add);

        assertThat(with.testRows()).isEqualTo(without.testRows());
        assertThat(with.trainRows()).isEqualTo(without.trainRows());
        // no tree of the compared model splits on a withheld feature; the full model does use some
        assertThat(splitFeatures(without.model())).doesNotContainAnyElementsOf(
                FeatureEngine.deviceReputationFeatures());
        assertThat(splitFeatures(with.model())).containsAnyElementsOf(FeatureEngine.deviceReputationFeatures());
        // on this small, short simulation the device features must at least not cost anything noticeable
        assertThat(with.auc()).isGreaterThan(without.auc() - 0.01);
        // the withheld columns are missing in every row the model sees
        int known = FeatureEngine.schema().indexOf("device_known_frauds_60d");
        FeatureMatrix hidden = windows.train().withMissing(new int[] {known});
        boolean anyKnown = false;
        for (int r = 0; r < windows.train().rows(); r++) {
            anyKnown |= !Float.isNaN(windows.train().value(r, known));
            assertThat(hidden.value(r, known)).isNaN();
        }
        assertThat(anyKnown).isTrue();
    }

    /** Names of the features some tree of {@code model} splits on (XGBoost JSON: split_indices of inner nodes). */
    private static Set<String> splitFeatures(TrainedModel model) throws IOException {
        JsonNode trees = new ObjectMapper().readTree(model.xgboostJson())
                .path("learner").path("gradient_booster").path("model").path("trees");
        Set<String> names = new TreeSet<>();
        for (JsonNode tree : trees) {
            JsonNode left = tree.get("left_children");
            JsonNode split = tree.get("split_indices");
            for (int node = 0; node < left.size(); node++) {
                if (left.get(node).asInt() != -1) {
                    names.add(model.featureNames().get(split.get(node).asInt()));
                }
            }
        }
        return names;
    }
}
