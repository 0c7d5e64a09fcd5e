package dev.anshin.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {

    private static final Instant START = Instant.parse("2018-07-01T00:00:00Z");
    private static final TrainingParameters QUICK = new TrainingParameters(30, 3, 0.3, 1.0, 1.0, 1.0, 0L);

    /** 40 cards over 20 days; amounts above 500 are fraud, labelled a day later. */
    private static List<LabelledAuthorization> history() {
        SplittableRandom random = new SplittableRandom(1);
        List<LabelledAuthorization> history = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            Instant at = START.plusSeconds(i * 432L);
            boolean fraud = random.nextInt(20) == 0;
            long cents = fraud ? 50_000 + random.nextInt(50_000) : 1_000 + random.nextInt(9_000);
            Authorization a = new Authorization("a" + i, "card" + random.nextInt(40), cents, "EUR", "m" + random.nextInt(10),
                    "5411", "t" + random.nextInt(10), "FR", PosEntryMode.CHIP, true, at, null, null);
            history.add(new LabelledAuthorization(a, i % 7 == 0 ? null : fraud, i % 7 == 0 ? null : at.plus(Duration.ofDays(1))));
        }
        return history;
    }

    @Test
    void trainsOnTheWindowAndReportsMetrics() {
        Instant from = START.plus(Duration.ofDays(5));
        Instant to = START.plus(Duration.ofDays(15));

        TrainedModel model = new ModelTrainer().train(history(), from, to, FeatureConfig.defaults(), QUICK, line -> { });

        assertThat(model.featureNames()).isEqualTo(FeatureEngine.schema().names());
        assertThat(model.windowStart()).isEqualTo(from);
        assertThat(model.windowEnd()).isEqualTo(to);
        assertThat(model.metrics().get("rows")).isEqualTo(2_000.0);
        assertThat(model.metrics().get("train_auc")).isGreaterThan(0.95);
        assertThat(model.xgboostJson()).contains("\"learner\"").contains("binary:logistic");
        assertThat(model.dataFingerprint()).hasSize(64);
    }

    @Test
    void sameHistoryGivesSameFingerprint() {
        Instant from = START.plus(Duration.ofDays(5));
        Instant to = START.plus(Duration.ofDays(15));
        ModelTrainer trainer = new ModelTrainer();

        String first = trainer.train(history(), from, to, FeatureConfig.defaults(), QUICK, line -> { }).dataFingerprint();
        String second = trainer.train(history(), from, to, FeatureConfig.defaults(), QUICK, line -> { }).dataFingerprint();
        String otherWindow = trainer.train(history(), from, to.plus(Duration.ofDays(1)), FeatureConfig.defaults(), QUICK,
                line -> { }).dataFingerprint();

        assertThat(first).isEqualTo(second).isNotEqualTo(otherWindow);
    }
}
