package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The report in docs/benchmarks.md ("Voice of the customer: classifier"): per-label precision/recall/F1 on the fixed
 * held-out split, mean ± sd over 5 stratified random re-splits, and single-thread throughput (Redactor + analyze,
 * next to kuromoji tokenizing only). Runs only when asked:
 * {@code ./mvnw -o -q -pl anshin-server -Dtest=VoiceClassifierReportTest -Dvoice.report=true test}; writes
 * {@code anshin-server/target/voice-classifier-report.md}.
 */
class VoiceClassifierReportTest {

    @Test
    void report() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("voice.report"), "run with -Dvoice.report=true");
        VoiceCorpus corpus = VoiceCorpus.load();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Corpus: %d items, train %d, held-out %d%n%n", corpus.all().size(),
                corpus.train().size(), corpus.test().size()));

        VoiceModel model = VoiceModel.train("report", corpus.train());
        Evaluation e = Evaluation.of(model, corpus.test());
        out.append(String.format(Locale.ROOT,
                "Fixed held-out split: kind accuracy %.3f, topic top-1 %.3f, sentiment accuracy %.3f; macro-F1 kind %.3f,"
                        + " topics %.3f, sentiment %.3f%n%n", e.kindAccuracy(), e.topicTop1(), e.sentimentAccuracy(),
                e.kindMacroF1(), e.topicMacroF1(), e.sentimentMacroF1()));
        out.append("| label | precision | recall | F1 | held-out items |\n|---|---:|---:|---:|---:|\n");
        table(out, "kind", e.kinds());
        table(out, "topic", e.topics());
        table(out, "sentiment", e.sentiments());

        List<Evaluation> resplits = new ArrayList<>();
        for (int seed = 1; seed <= 5; seed++) {
            List<List<Labelled>> split = resplit(corpus.all(), seed);
            resplits.add(Evaluation.of(VoiceModel.train("resplit", split.get(0)), split.get(1)));
        }
        out.append("\n5 stratified random re-splits (75/25 by kind, seeds 1-5), mean ± sd:\n\n| measure | mean | sd |\n|---|---:|---:|\n");
        Map<String, ToDoubleFunction<Evaluation>> measures = new LinkedHashMap<>();
        measures.put("kind accuracy", Evaluation::kindAccuracy);
        measures.put("topic top-1", Evaluation::topicTop1);
        measures.put("sentiment accuracy", Evaluation::sentimentAccuracy);
        measures.put("kind macro-F1", Evaluation::kindMacroF1);
        measures.put("topic macro-F1 (multi-label)", Evaluation::topicMacroF1);
        measures.put("sentiment macro-F1", Evaluation::sentimentMacroF1);
        measures.forEach((name, f) -> {
            double[] v = resplits.stream().mapToDouble(f).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", name, mean, sd));
        });

        Redactor redactor = new Redactor();
        List<String> texts = corpus.all().stream().map(Labelled::text).toList();
        for (int warm = 0; warm < 3; warm++) {
            texts.forEach(t -> model.analyze(redactor.redact(t).text()));
        }
        int rounds = 10;
        long start = System.nanoTime();
        int sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                sink += JapaneseTokens.of(t).size();
            }
        }
        double tokenizing = rounds * texts.size() / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String t : texts) {
                sink += model.analyze(redactor.redact(t).text()).topics().size();
            }
        }
        double full = rounds * texts.size() / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        VoiceModel.train("timing", corpus.train());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        out.append(String.format(Locale.ROOT, "%nSingle thread, %d texts × %d rounds after warm-up: tokenizing only %.0f items/s;"
                + " Redactor + analyze %.0f items/s (checksum %d). Training on the train split: %.1f s; model %d bytes%n",
                texts.size(), rounds, tokenizing, full, sink % 2, trainSeconds, model.toBytes().length));
        System.out.println(out);
        Files.writeString(Path.of("target/voice-classifier-report.md"), out);
        assertThat(resplits).hasSize(5);
    }

    private static void table(StringBuilder out, String kind, Map<String, Evaluation.Scores> scores) {
        scores.forEach((label, s) -> out.append(String.format(Locale.ROOT, "| %s %s | %.3f | %.3f | %.3f | %d |%n", kind,
                label, s.precision(), s.recall(), s.f1(), s.support())));
    }

    /** A 75/25 split stratified by kind, shuffled with the seed. */
    static List<List<Labelled>> resplit(List<Labelled> all, long seed) {
        Random random = new Random(seed);
        List<Labelled> train = new ArrayList<>();
        List<Labelled> test = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Labelled> items = new ArrayList<>(all.stream().filter(i -> i.kind() == kind).toList());
            Collections.shuffle(items, random);
            int held = Math.round(items.size() * 0.25f);
            test.addAll(items.subList(0, held));
            train.addAll(items.subList(held, items.size()));
        }
        return List.of(train, test);
    }
}
