package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier trained on the corpus's train split: honest floors on the held-out split, round-trip, determinism. */
class VoiceModelTest {

    private static VoiceCorpus corpus;
    private static VoiceModel model;

    @BeforeAll
    static void train() {
        corpus = VoiceCorpus.load();
        model = VoiceModel.train("test", corpus.train());
    }

    @Test
    void theHeldOutSplitIsNeverTrainedOn() {
        List<String> train = corpus.train().stream().map(Labelled::text).toList();
        assertThat(corpus.test()).noneMatch(item -> train.contains(item.text()));
        assertThat(corpus.test().size()).isBetween(corpus.all().size() / 5, corpus.all().size() * 3 / 10);
    }

    @Test
    void measuresAboveTheFloorsOnTheHeldOutSplit() {
        Evaluation e = Evaluation.of(model, corpus.test());
        System.out.printf("held-out n=%d kind=%.3f top1=%.3f sentiment=%.3f kindF1=%.3f topicF1=%.3f sentF1=%.3f%n",
                e.items(), e.kindAccuracy(), e.topicTop1(), e.sentimentAccuracy(), e.kindMacroF1(), e.topicMacroF1(),
                e.sentimentMacroF1());
        assertThat(e.kindAccuracy()).isGreaterThan(0.50);
        assertThat(e.topicTop1()).isGreaterThan(0.50);
        assertThat(e.sentimentAccuracy()).isGreaterThan(0.50);
    }

    @Test
    void readBackPredictsExactlyTheSame() {
        VoiceModel read = VoiceModel.fromBytes(model.toBytes());
        assertThat(Arrays.equals(VoiceModels.decode(VoiceModels.encode(model)).toBytes(), model.toBytes())).isTrue();
        for (Labelled item : corpus.test()) {
            assertThat(read.analyze(item.text())).isEqualTo(model.analyze(item.text()));
        }
    }

    @Test
    void theSameItemsTrainTheSameModel() {
        assertThat(Arrays.equals(VoiceModel.train("test", corpus.train()).toBytes(), model.toBytes())).isTrue();
    }

    @Test
    void everyAnalysisHasAPrimaryTopicAndAtMostThree() {
        for (String text : List.of("", "？", "カードが届きません", "ありがとう！！", "12345")) {
            Analysis a = model.analyze(text);
            assertThat(a.topics()).isNotEmpty().hasSizeLessThanOrEqualTo(VoiceModel.MAX_TOPICS);
            assertThat(a.kindConfidence()).isBetween(0.0, 1.0);
            assertThat(a.modelVersion()).isEqualTo("test");
        }
    }
}
