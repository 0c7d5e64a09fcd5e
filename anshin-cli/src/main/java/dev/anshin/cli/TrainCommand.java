package dev.anshin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anshin.handbook.HandbookCsv;
import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.training.Backtest;
import dev.anshin.training.LabelledAuthorization;
import dev.anshin.training.ModelTrainer;
import dev.anshin.training.TrainedModel;
import dev.anshin.training.TrainingParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anshin fraud train}: trains a model over a chosen window of a transaction file and writes
 * it in XGBoost's JSON format with its metadata, ready to register in a server. Both files are
 * written owner-only ({@link OwnerOnlyFiles}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model on a window of a transaction file.",
                "",
                "Gradient-boosted trees (XGBoost) over the Handbook CSV layout. Features are replayed "
                        + "point-in-time from the whole file before the window, labels becoming known --delay-days "
                        + "after each transaction. Writes MODEL.json (XGBoost) and MODEL.import.json, the body of POST "
                        + "/api/v1/models that registers it in a server."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--transactions", required = true, description = "CSV in the Handbook layout.")
    Path transactions;

    @Option(names = "--from", required = true, description = "First training day, e.g. 2018-07-25.")
    LocalDate from;

    @Option(names = "--days", defaultValue = "7", description = "Training days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--delay-days", defaultValue = "7", description = "Label delay in days (default: ${DEFAULT-VALUE}).")
    int delayDays;

    @Option(names = {"-o", "--out"}, required = true, description = "Model file to write (XGBoost JSON).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Progress progress = new Progress();
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = from.plusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
        Duration delay = Duration.ofDays(delayDays);
        List<LabelledAuthorization> history = new ArrayList<>();
        HandbookCsv.streamWhile(transactions, t -> {
            Instant at = t.dateTime().toInstant(ZoneOffset.UTC);
            if (!at.isBefore(end)) {
                return false;
            }
            history.add(new LabelledAuthorization(Backtest.authorization(t, at), t.fraud(), at.plus(delay)));
            return true;
        });
        progress.accept(String.format("read %,d transactions before %s", history.size(), from.plusDays(days)));
        FeatureConfig config = new FeatureConfig(delay, FeatureConfig.defaults().idleEviction());
        TrainedModel model = new ModelTrainer().train(history, start, end, config, TrainingParameters.defaults(), progress);
        // Owner-only, like every file Anshin writes from its data: a model is learnt from cardholders'
        // transactions, and its import body is what a server trusts to decide with.
        OwnerOnlyFiles.write(out, model.xgboostJson().getBytes(StandardCharsets.UTF_8));
        // The body of POST /api/v1/models, so a model trained here can be registered in a server as is.
        Path registration = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "")
                + ".import.json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("xgboostJson", model.xgboostJson());
        body.put("featureNames", model.featureNames());
        body.put("parameters", model.parameters());
        body.put("windowStart", model.windowStart().toString());
        body.put("windowEnd", model.windowEnd().toString());
        body.put("dataFingerprint", model.dataFingerprint());
        body.put("metrics", model.metrics());
        OwnerOnlyFiles.write(registration, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        System.out.printf("model written to %s; register it with POST /api/v1/models and the body in %s%n"
                + "fingerprint %s, metrics %s%n", out, registration,
                model.dataFingerprint(), model.metrics());
        return 0;
    }
}
