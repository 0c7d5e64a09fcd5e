package dev.anshin.voice.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What the classifier read in one redacted text: its kind, its topics (most likely first, at least one), its
 * sentiment, how sure it was of each, and which model said so.
 *
 * @param kindConfidence the kind's probability under the model, 0..1
 * @param topicConfidences each topic's probability, in the order of {@code topics}
 * @param modelVersion the model that analysed it ({@code voice_models.version}), kept with the item
 */
public record Analysis(Kind kind, double kindConfidence, List<Topic> topics, List<Double> topicConfidences,
        Sentiment sentiment, double sentimentConfidence, String modelVersion) {

    public Analysis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(modelVersion, "modelVersion");
        topics = List.copyOf(topics);
        topicConfidences = List.copyOf(topicConfidences);
        if (topics.isEmpty() || topics.size() != topicConfidences.size()) {
            throw new IllegalArgumentException("at least one topic, each with its confidence");
        }
    }

    /** The topic the item is routed by. */
    public Topic primaryTopic() {
        return topics.get(0);
    }
}
