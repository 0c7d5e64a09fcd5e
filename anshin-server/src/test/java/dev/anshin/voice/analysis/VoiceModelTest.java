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
        // Measured (docs/benchmarks.md): kind 0.884, topic top-1 0.890, sentiment 0.858 on 155 held-out items.
        assertThat(e.kindAccuracy()).isGreaterThanOrEqualTo(0.84);
        assertThat(e.topicTop1()).isGreaterThanOrEqualTo(0.84);
        assertThat(e.sentimentAccuracy()).isGreaterThanOrEqualTo(0.80);
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
    void aCorrectedVoiceAddsNoneOfItsWordsToTheModel() {
        // Words only this customer wrote (a rare surname in katakana, a made-up shop name): after the customer's
        // erasure the model keeps scoring, so its bytes must not hold them.
        String own = "クワバタケ商店のzqxwvkポイントが付かない";
        Labelled correction = new Labelled("c-1", own, Kind.COMPLAINT, List.of(Topic.POINTS), Sentiment.NEGATIVE);
        VoiceModel corrected = VoiceModel.train("test", corpus.train(), List.of(correction, correction, correction));
        String bytes = new String(corrected.toBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String word : List.of("zqxwvk", "クワバタケ")) {
            String encoded = new String(word.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(word).doesNotContain(encoded);
        }
        assertThat(corrected.toBytes().length).isEqualTo(model.toBytes().length);
        // The correction still teaches: the weights moved.
        assertThat(Arrays.equals(corrected.toBytes(), model.toBytes())).isFalse();
    }

    @Test
    void threadsAnalyseAsOneThreadDoes() {
        List<Analysis> sequential = corpus.test().stream().map(item -> model.analyze(item.text())).toList();
        List<Analysis> parallel = corpus.test().parallelStream().map(item -> model.analyze(item.text())).toList();
        assertThat(parallel).isEqualTo(sequential);
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
