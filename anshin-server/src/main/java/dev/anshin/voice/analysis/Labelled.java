package dev.anshin.voice.analysis;

import java.util.List;
import java.util.Objects;

/**
 * A redacted text with its labels: a corpus line or a staff-corrected item, to train or evaluate a model on.
 *
 * @param topics most relevant first, at least one
 */
public record Labelled(String id, String text, Kind kind, List<Topic> topics, Sentiment sentiment) {

    public Labelled {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentiment, "sentiment");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("at least one topic");
        }
    }
}
