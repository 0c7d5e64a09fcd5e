package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A retrained model is refused when any one measure falls by more than the margin, even if the mean holds. */
class RetrainingGuardTest {

    private static Evaluation evaluation(double kindAccuracy, double topicTop1, double kindF1, double topicF1) {
        return new Evaluation(155, kindAccuracy, 0.86, topicTop1, kindF1, 0.85, topicF1, Map.of(), Map.of(), Map.of());
    }

    @Test
    void aBetterMeanDoesNotHideAWorseTopicRouting() {
        // What a trial saw: kind up, topic top-1 from 0.890 to 0.845, the mean of the macro-F1s about equal.
        Evaluation active = evaluation(0.884, 0.890, 0.88, 0.86);
        Evaluation candidate = evaluation(0.903, 0.845, 0.91, 0.84);
        assertThat(candidate.score()).isGreaterThanOrEqualTo(active.score() - 0.02);
        assertThat(VoiceModels.droppedMeasure(candidate, active, 0.02)).contains("TOPIC_TOP1");
    }

    @Test
    void smallMovesWithinTheMarginPass() {
        Evaluation active = evaluation(0.884, 0.890, 0.88, 0.86);
        Evaluation candidate = evaluation(0.870, 0.875, 0.87, 0.85);
        assertThat(VoiceModels.droppedMeasure(candidate, active, 0.02)).isEmpty();
        assertThat(VoiceModels.droppedMeasure(active, active, 0.0)).isEmpty();
    }
}
