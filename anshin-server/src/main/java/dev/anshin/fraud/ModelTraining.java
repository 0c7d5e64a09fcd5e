package dev.anshin.fraud;

import dev.anshin.fraud.models.ModelRegistry;
import dev.anshin.fraud.models.ModelRegistry.ModelSummary;
import dev.anshin.scoring.AmountCeiling;
import dev.anshin.scoring.FraudLabel;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.training.LabelledAuthorization;
import dev.anshin.training.ModelTrainer;
import dev.anshin.training.TrainedModel;
import dev.anshin.training.TrainingParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Trains a model from the stored authorizations and labels and registers it. The history before
 * {@code from} (one replay window) is replayed too, so the first training rows have warm features.
 */
@Service
public class ModelTraining {

    private static final Logger log = LoggerFactory.getLogger(ModelTraining.class);

    private final Decisions decisions;
    private final FraudLabels labels;
    private final ModelRegistry registry;
    private final FraudProperties properties;
    private final AmountCeiling amountCeiling;
    private final FraudRetentionProperties retention;
    private final Clock clock;

    ModelTraining(Decisions decisions, FraudLabels labels, ModelRegistry registry, FraudProperties properties,
            AmountCeiling amountCeiling, FraudRetentionProperties retention, Clock clock) {
        this.decisions = decisions;
        this.labels = labels;
        this.registry = registry;
        this.properties = properties;
        this.amountCeiling = amountCeiling;
        this.retention = retention;
        this.clock = clock;
    }

    /** Whether a model is deciding (the demo trains one first when not). */
    public boolean hasActiveModel() {
        return registry.active().isPresent();
    }

    /**
     * Trains on authorizations in [from, to) and registers the model; it becomes ACTIVE when no model
     * is active yet, otherwise SHADOW until someone activates it. Training rows follow the authorizations'
     * retention: nothing that occurred longer than {@code anshin.fraud.authorization-retention} ago is read, even
     * before the daily retention job has deleted it, so a window reaching further back starts at the cutoff.
     */
    public ModelSummary train(Instant from, Instant to, String actor) {
        Instant oldestKept = clock.instant().minus(retention.authorizationRetention());
        if (from.isBefore(oldestKept)) {
            from = oldestKept;
        }
        Instant historyFrom = from.minus(properties.replayWindow());
        if (historyFrom.isBefore(oldestKept)) {
            historyFrom = oldestKept;
        }
        Map<String, FraudLabel> firstLabels = new HashMap<>();
        labels.forEachFirstLabel(historyFrom, label -> firstLabels.putIfAbsent(label.authorizationId(), label));
        List<LabelledAuthorization> history = new ArrayList<>();
        decisions.forEachOccurred(historyFrom, to, stored -> {
            FraudLabel label = firstLabels.get(stored.authorizationId());
            history.add(new LabelledAuthorization(stored.authorization(), label == null ? null : label.fraud(),
                    label == null ? null : label.knownAt()));
        });
        // The live engine's ceiling: a model learns from the features it will be scored with.
        FeatureConfig config = new FeatureConfig(properties.labelDelay(), FeatureConfig.defaults().idleEviction(),
                amountCeiling);
        TrainingParameters defaults = TrainingParameters.defaults();
        TrainingParameters parameters = properties.trainingRounds() <= 0 ? defaults
                : new TrainingParameters(properties.trainingRounds(), defaults.maxDepth(), defaults.eta(),
                        defaults.subsample(), defaults.colsampleByTree(), defaults.minChildWeight(), defaults.seed());
        TrainedModel model = new ModelTrainer().train(history, from, to, config, parameters,
                message -> log.info("training: {}", message));
        ModelSummary registered = registry.register(model, actor);
        if (!hasActiveModel()) {
            registered = registry.activate(registered.version(), actor);
        }
        log.info("Trained model {} on {} stored authorizations ({} labelled)", registered.version(), history.size(),
                firstLabels.size());
        return registered;
    }
}
