package dev.anshin.training;

import dev.anshin.scoring.features.FeatureConfig;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Trains an XGBoost model over point-in-time features replayed from stored history. */
public final class ModelTrainer {

    /**
     * Replays {@code history} (time-ordered) through a fresh feature engine, labels becoming known
     * at their {@code labelKnownAt}, and trains on the rows whose timestamp is in [from, to).
     */
    public TrainedModel train(List<LabelledAuthorization> history, Instant from, Instant to, FeatureConfig config,
            TrainingParameters parameters, Consumer<String> progress) {
        throw new UnsupportedOperationException("TODO");
    }
}
