package dev.anshin.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model fresh from training, ready to be registered.
 *
 * @param xgboostJson     the model in XGBoost's JSON format (read by {@code TreeEnsemble})
 * @param featureNames    column order it was trained on
 * @param parameters      hyper-parameters used
 * @param windowStart     start of the training window (inclusive)
 * @param windowEnd       end of the training window (exclusive)
 * @param dataFingerprint SHA-256 over the training rows and labels
 * @param metrics         e.g. rows, frauds, train AUC
 */
public record TrainedModel(String xgboostJson, List<String> featureNames, TrainingParameters parameters,
        Instant windowStart, Instant windowEnd, String dataFingerprint, Map<String, Double> metrics) {
}
