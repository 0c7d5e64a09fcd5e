package dev.anshin.voice.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model measured on labelled items: accuracy of the kind and the sentiment, topic top-1 (the first topic
 * given is one of the item's), and per label precision, recall and F1 (topics counted on every topic given, as a
 * multi-label set). {@link #score()} is what a retrained model is compared by: the mean of the three macro-F1s.
 */
public record Evaluation(int items, double kindAccuracy, double sentimentAccuracy, double topicTop1,
        double kindMacroF1, double sentimentMacroF1, double topicMacroF1, Map<String, Scores> kinds,
        Map<String, Scores> sentiments, Map<String, Scores> topics) {

    /** One label's precision, recall and F1, and how many items carried it (support). */
    public record Scores(double precision, double recall, double f1, int support) {
    }

    /** The mean of the kind, sentiment and topic macro-F1. */
    public double score() {
        return (kindMacroF1 + sentimentMacroF1 + topicMacroF1) / 3;
    }

    public static Evaluation of(VoiceAnalyzer model, List<Labelled> items) {
        int k = Kind.values().length;
        int s = Sentiment.values().length;
        int t = Topic.values().length;
        int[][] kindCounts = new int[k][3];
        int[][] sentimentCounts = new int[s][3];
        int[][] topicCounts = new int[t][3];
        int kindRight = 0;
        int sentimentRight = 0;
        int top1 = 0;
        for (Labelled item : items) {
            Analysis a = model.analyze(item.text());
            kindRight += count(kindCounts, a.kind().ordinal(), item.kind().ordinal());
            sentimentRight += count(sentimentCounts, a.sentiment().ordinal(), item.sentiment().ordinal());
            if (item.topics().contains(a.primaryTopic())) {
                top1++;
            }
            for (Topic topic : Topic.values()) {
                boolean predicted = a.topics().contains(topic);
                boolean actual = item.topics().contains(topic);
                int[] c = topicCounts[topic.ordinal()];
                if (predicted && actual) {
                    c[0]++;
                } else if (predicted) {
                    c[1]++;
                } else if (actual) {
                    c[2]++;
                }
            }
        }
        int n = Math.max(1, items.size());
        Map<String, Scores> kinds = scores(kindCounts, Kind.values());
        Map<String, Scores> sentiments = scores(sentimentCounts, Sentiment.values());
        Map<String, Scores> topics = scores(topicCounts, Topic.values());
        return new Evaluation(items.size(), (double) kindRight / n, (double) sentimentRight / n, (double) top1 / n,
                macro(kinds), macro(sentiments), macro(topics), kinds, sentiments, topics);
    }

    /** counts[label] = {true positives, false positives, false negatives}. */
    private static int count(int[][] counts, int predicted, int actual) {
        if (predicted == actual) {
            counts[actual][0]++;
            return 1;
        }
        counts[predicted][1]++;
        counts[actual][2]++;
        return 0;
    }

    private static Map<String, Scores> scores(int[][] counts, Enum<?>[] labels) {
        Map<String, Scores> scores = new LinkedHashMap<>();
        for (Enum<?> label : labels) {
            int[] c = counts[label.ordinal()];
            double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.put(label.name(), new Scores(precision, recall, f1, c[0] + c[2]));
        }
        return scores;
    }

    private static double macro(Map<String, Scores> scores) {
        return scores.values().stream().mapToDouble(Scores::f1).average().orElse(0);
    }
}
