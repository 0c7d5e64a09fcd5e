package dev.anshin.voice;

import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored voices ({@code voice_items} with their ranked {@code voice_item_topics}), as the intake writes them and
 * staff read them: the redacted text and the analysis. The sealed original is read only by {@link VoiceOriginals}.
 */
@Repository
class VoiceItems {

    /** A stored row with what only the intake and the originals' reader need: the key, the seal. */
    record Stored(VoiceItem item, String submittedBy, String voiceKey, String sealKey, String originalText,
            Instant erasedAt) {
    }

    /** A row to insert: the item as analysed, and its sealed original. */
    record NewItem(String id, Source source, String submittedBy, String voiceKey, Channel channel, Instant receivedAt,
            Instant recordedAt, String customerId, String sealKey, String originalText, String redactedText, Kind kind,
            List<Topic> topics, Sentiment sentiment, String department, String modelVersion, String importId,
            Integer importRow) {
    }

    private static final String COLUMNS = "id, source, submitted_by, voice_key, channel, received_at, recorded_at, "
            + "customer_id, seal_key, original_text, redacted_text, kind, sentiment, department, model_version, "
            + "corrected, erased_at";

    private final JdbcClient jdbc;

    VoiceItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the item and its topics; call inside a transaction. */
    void insert(NewItem item) {
        jdbc.sql("INSERT INTO voice_items (id, source, submitted_by, voice_key, channel, received_at, recorded_at, "
                        + "customer_id, seal_key, original_text, redacted_text, kind, sentiment, department, "
                        + "model_version, corrected, import_id, import_row) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)")
                .params(item.id(), item.source().name(), item.submittedBy(), item.voiceKey(), item.channel().name(),
                        Timestamp.from(item.receivedAt()), Timestamp.from(item.recordedAt()), item.customerId(),
                        item.sealKey(), item.originalText(), item.redactedText(), item.kind().name(),
                        item.sentiment().name(), item.department(), item.modelVersion(), item.importId(),
                        item.importRow())
                .update();
        int rank = 0;
        for (Topic topic : item.topics()) {
            jdbc.sql("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (?, ?, ?)")
                    .params(item.id(), topic.name(), rank++)
                    .update();
        }
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voice_items WHERE id = ?").param(id)
                .query(this::stored).optional().map(this::withTopics);
    }

    Optional<Stored> byKey(String submittedBy, String voiceKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voice_items WHERE submitted_by = ? AND voice_key = ?")
                .params(submittedBy, voiceKey)
                .query(this::stored).optional().map(this::withTopics);
    }

    /** The customer's voices, oldest first (for their disclosure). */
    List<Stored> ofCustomer(String customerId) {
        List<Stored> rows = jdbc.sql("SELECT " + COLUMNS + " FROM voice_items WHERE customer_id = ? AND erased_at IS NULL "
                        + "ORDER BY received_at, id")
                .param(customerId).query(this::stored).list();
        return rows.stream().map(this::withTopics).toList();
    }

    /**
     * An erased customer's voices keep their labels for the counts and lose their words: the sealed original
     * (unreadable already, its key destroyed) and the redacted text. Inside the erasure's transaction.
     */
    int eraseCustomer(String customerId, Instant erasedAt) {
        return jdbc.sql("UPDATE voice_items SET original_text = NULL, redacted_text = '', erased_at = ? "
                        + "WHERE customer_id = ? AND erased_at IS NULL")
                .params(Timestamp.from(erasedAt), customerId)
                .update();
    }

    /**
     * Deletes up to {@code limit} voices received before {@code cutoff} with their topics, corrections and countermeasure
     * links: one
     * batch of the retention sweep. How many went.
     */
    int deleteReceivedBefore(Instant cutoff, int limit) {
        List<String> ids = jdbc.sql("SELECT id FROM voice_items WHERE received_at < ? ORDER BY received_at "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .param(Timestamp.from(cutoff)).query(String.class).list();
        for (String id : ids) {
            // A countermeasure keeps its own text; the expired voice leaves its list (voice_countermeasure_items
            // references voice_items without cascade).
            jdbc.sql("DELETE FROM voice_countermeasure_items WHERE item_id = ?").param(id).update();
            jdbc.sql("DELETE FROM voice_corrections WHERE item_id = ?").param(id).update();
            jdbc.sql("DELETE FROM voice_item_topics WHERE item_id = ?").param(id).update();
            jdbc.sql("DELETE FROM voice_items WHERE id = ?").param(id).update();
        }
        return ids.size();
    }

    private Stored withTopics(Stored stored) {
        List<Topic> topics = new ArrayList<>();
        jdbc.sql("SELECT topic FROM voice_item_topics WHERE item_id = ? ORDER BY topic_rank")
                .param(stored.item().id()).query(String.class).list()
                .forEach(name -> topics.add(Topic.valueOf(name)));
        VoiceItem i = stored.item();
        return new Stored(new VoiceItem(i.id(), i.source(), i.channel(), i.receivedAt(), i.recordedAt(), i.customerId(),
                i.redactedText(), i.kind(), topics, i.sentiment(), i.department(), i.modelVersion(), i.corrected(),
                false), stored.submittedBy(), stored.voiceKey(), stored.sealKey(), stored.originalText(),
                stored.erasedAt());
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        Timestamp erased = rs.getTimestamp("erased_at");
        VoiceItem item = new VoiceItem(rs.getString("id"), Source.valueOf(rs.getString("source")),
                Channel.valueOf(rs.getString("channel")), rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("customer_id"), rs.getString("redacted_text"),
                Kind.valueOf(rs.getString("kind")), List.of(), Sentiment.valueOf(rs.getString("sentiment")),
                rs.getString("department"), rs.getString("model_version"), rs.getBoolean("corrected"), false);
        return new Stored(item, rs.getString("submitted_by"), rs.getString("voice_key"), rs.getString("seal_key"),
                rs.getString("original_text"), erased == null ? null : erased.toInstant());
    }

}
