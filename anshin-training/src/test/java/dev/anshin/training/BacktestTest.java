package dev.anshin.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.handbook.HandbookCsv;
import dev.anshin.handbook.HandbookMetrics;
import dev.anshin.handbook.HandbookSimulator;
import dev.anshin.handbook.HandbookSplit;
import dev.anshin.handbook.Simulation;
import dev.anshin.handbook.SimulatorParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
}
