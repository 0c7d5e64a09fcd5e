package dev.anshin.voice.workbench;

import dev.anshin.voice.Channel;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Voices written as the intake writes them (V57: an API submission with its key, the redacted text, the model's
 * analysis, routed to a department, not corrected), in batches, for the workbench's tests.
 */
final class VoiceRows {

    /** One voice to write. */
    record Voice(Channel channel, Instant receivedAt, String redactedText, Kind kind, List<Topic> topics,
            Sentiment sentiment, String department) {
    }

    private final JdbcTemplate jdbc;

    VoiceRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static Voice voice(Kind kind, Topic topic, Instant at, String department) {
        return new Voice(Channel.CALL_CENTER, at, "カードが届きません。[電話番号]までご連絡ください。", kind, List.of(topic),
                Sentiment.NEGATIVE, department);
    }

    /** Writes the voices, answering their ids in order. */
    List<String> write(List<Voice> voices) {
        List<Object[]> items = new ArrayList<>();
        List<Object[]> topics = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Voice v : voices) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            items.add(new Object[] {id, "API", "voice-workbench-test", "vw-" + id, v.channel().name(),
                    Timestamp.from(v.receivedAt()), Timestamp.from(v.receivedAt().plusSeconds(2)),
                    "month:" + YearMonth.from(v.receivedAt().atZone(ZoneOffset.UTC)), v.redactedText(), v.kind().name(),
                    v.sentiment().name(), v.department(), "test-model-1"});
            for (int rank = 0; rank < v.topics().size(); rank++) {
                topics.add(new Object[] {id, v.topics().get(rank).name(), rank});
            }
        }
        jdbc.batchUpdate("INSERT INTO voice_items (id, source, submitted_by, voice_key, channel, received_at, "
                + "recorded_at, seal_key, redacted_text, kind, sentiment, department, model_version, corrected) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)", items);
        jdbc.batchUpdate("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (?, ?, ?)", topics);
        return ids;
    }
}
