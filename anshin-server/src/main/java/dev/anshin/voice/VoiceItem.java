package dev.anshin.voice;

import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.time.Instant;
import java.util.List;

/**
 * A stored voice as staff see it: the redacted text and its (possibly corrected) analysis; never the original.
 *
 * @param created false when the call found an item already stored under the same key (a retried write)
 */
public record VoiceItem(String id, Source source, Channel channel, Instant receivedAt, Instant recordedAt,
        String customerId, String redactedText, Kind kind, List<Topic> topics, Sentiment sentiment, String department,
        String modelVersion, boolean corrected, boolean created) {

    public VoiceItem {
        topics = List.copyOf(topics);
    }
}
