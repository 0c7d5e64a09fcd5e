package dev.anshin.voice.workbench;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.voice.Channel;
import dev.anshin.voice.Source;
import dev.anshin.voice.Department;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments' queues of voices and the staff's corrections. An item is open until staff have reviewed it
 * (corrected its labels, or confirmed them: a correction with the same labels before and after), which sets
 * {@code corrected}; the corrected labels with the redacted text are the classifier's training data. Erased items
 * (nothing left to read) are in no queue.
 */
@Service
public class VoiceQueues {

    /** Most topics an item keeps (the classifier gives up to three). */
    public static final int MAX_TOPICS = 3;

    /** A department and its items awaiting review. */
    public record Queue(Department department, long open, long total) {
    }

    /** What a queue is narrowed to: each null for any. */
    public record Filter(Kind kind, Topic topic, Sentiment sentiment, Channel channel, Boolean corrected) {

        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** One page of a queue, newest first. */
    public record Page(List<VoiceItem> items, int page, int size, long total) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** The labels staff set, topics most relevant first (the first routes the item). */
    public record Labels(Kind kind, List<Topic> topics, Sentiment sentiment) {

        public Labels {
            if (kind == null) {
                throw new WorkbenchRefused(WorkbenchRefused.Reason.MISSING, "kind");
            }
            if (topics == null || topics.isEmpty() || topics.get(0) == null) {
                throw new WorkbenchRefused(WorkbenchRefused.Reason.MISSING, "topic1");
            }
            if (sentiment == null) {
                throw new WorkbenchRefused(WorkbenchRefused.Reason.MISSING, "sentiment");
            }
            List<Topic> kept = topics.stream().filter(t -> t != null).toList();
            if (kept.size() > MAX_TOPICS) {
                throw new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_CHOICE, "topic" + (MAX_TOPICS + 1));
            }
            if (new HashSet<>(kept).size() != kept.size()) {
                throw new WorkbenchRefused(WorkbenchRefused.Reason.DUPLICATE_TOPIC, "topic" + kept.size());
            }
            topics = List.copyOf(kept);
        }
    }

    /** What a correction did. */
    public enum Outcome {
        /** The labels changed (and the item may have moved to another department). */
        CORRECTED,
        /** The model's labels were right: the item is marked reviewed with them. */
        CONFIRMED,
        /** The item already had these labels after review: nothing written (a resubmitted form). */
        UNCHANGED
    }

    public record Correction(Outcome outcome, VoiceItem item, String departmentBefore) {

        public boolean rerouted() {
            return !departmentBefore.equals(item.department());
        }
    }

    private static final String ITEM_COLUMNS = "i.id, i.source, i.channel, i.received_at, i.recorded_at, "
            + "i.customer_id, i.redacted_text, i.kind, i.sentiment, i.department, i.model_version, i.corrected";

    private final JdbcClient jdbc;
    private final VoiceRoutes routes;
    private final AuditLog audit;
    private final Clock clock;

    VoiceQueues(JdbcClient jdbc, VoiceRoutes routes, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.routes = routes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every department with its open and total items (erased ones not counted). */
    public List<Queue> queues() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT department, SUM(CASE WHEN corrected = FALSE THEN 1 ELSE 0 END), COUNT(*) FROM voice_items "
                + "WHERE erased_at IS NULL GROUP BY department").query(rs -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return routes.departments().stream().map(d -> {
            long[] c = counts.getOrDefault(d.code(), new long[2]);
            return new Queue(d, c[0], c[1]);
        }).toList();
    }

    /** A page of the department's items, newest first. */
    public Page items(String department, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE i.department = ? AND i.erased_at IS NULL");
        List<Object> params = new ArrayList<>(List.of(department));
        if (filter.kind() != null) {
            where.append(" AND i.kind = ?");
            params.add(filter.kind().name());
        }
        if (filter.sentiment() != null) {
            where.append(" AND i.sentiment = ?");
            params.add(filter.sentiment().name());
        }
        if (filter.channel() != null) {
            where.append(" AND i.channel = ?");
            params.add(filter.channel().name());
        }
        if (filter.corrected() != null) {
            where.append(filter.corrected() ? " AND i.corrected = TRUE" : " AND i.corrected = FALSE");
        }
        if (filter.topic() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM voice_item_topics t WHERE t.item_id = i.id AND t.topic = ?)");
            params.add(filter.topic().name());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM voice_items i" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<Row> rows = jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM voice_items i" + where
                + " ORDER BY i.received_at DESC, i.id DESC LIMIT ? OFFSET ?").params(paged).query(VoiceQueues::row)
                .list();
        return new Page(withTopics(rows), page, size, total);
    }

    public Optional<VoiceItem> item(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM voice_items i WHERE i.id = ? AND i.erased_at IS NULL")
                .param(id).query(VoiceQueues::row).optional().map(r -> withTopics(List.of(r)).get(0));
    }

    /**
     * Sets the item's labels as staff read them, in one transaction: a {@code voice_corrections} row (before and
     * after), the item's labels and topics, {@code corrected}, and its department when the first topic's owner
     * differs; audited. The same labels again on a reviewed item write nothing (a double submit). {@code seen} is
     * {@link #seen} of the item as the form showed it: when the labels changed since (another's correction), the
     * correction is refused ({@link WorkbenchRefused.Reason#CHANGED_MEANWHILE}) instead of overwriting theirs.
     */
    @Transactional
    public Correction correct(String actor, String itemId, String seen, Labels labels, String origin) {
        // Locks the item: two staff correcting it at once are taken one after the other.
        Optional<Row> locked = jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM voice_items i WHERE i.id = ? "
                + "AND i.erased_at IS NULL FOR UPDATE").param(itemId).query(VoiceQueues::row).optional();
        if (locked.isEmpty()) {
            throw new UnknownItem();
        }
        VoiceItem before = withTopics(List.of(locked.get())).get(0);
        boolean same = before.kind() == labels.kind() && before.topics().equals(labels.topics())
                && before.sentiment() == labels.sentiment();
        if (same && before.corrected()) {
            return new Correction(Outcome.UNCHANGED, before, before.department());
        }
        if (!seen(before).equals(seen)) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.CHANGED_MEANWHILE, "seen");
        }
        String department = routes.departmentOf(labels.topics().get(0));
        if (!before.topics().isEmpty() && labels.topics().get(0) == before.topics().get(0)) {
            department = before.department(); // the first topic kept: the item stays where it was routed
        }
        jdbc.sql("INSERT INTO voice_corrections (id, item_id, corrected_at, corrected_by, kind_before, kind_after, "
                + "topics_before, topics_after, sentiment_before, sentiment_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), itemId, Timestamp.from(clock.instant()), actor,
                        before.kind().name(), labels.kind().name(), names(before.topics()), names(labels.topics()),
                        before.sentiment().name(), labels.sentiment().name()).update();
        jdbc.sql("UPDATE voice_items SET kind = ?, sentiment = ?, department = ?, corrected = TRUE WHERE id = ?")
                .params(labels.kind().name(), labels.sentiment().name(), department, itemId).update();
        if (!before.topics().equals(labels.topics())) {
            jdbc.sql("DELETE FROM voice_item_topics WHERE item_id = ?").param(itemId).update();
            for (int rank = 0; rank < labels.topics().size(); rank++) {
                jdbc.sql("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (?, ?, ?)")
                        .params(itemId, labels.topics().get(rank).name(), rank).update();
            }
        }
        VoiceItem after = new VoiceItem(before.id(), before.source(), before.channel(), before.receivedAt(),
                before.recordedAt(), before.customerId(), before.redactedText(), labels.kind(), labels.topics(),
                labels.sentiment(), department, before.modelVersion(), true, false);
        Outcome outcome = same ? Outcome.CONFIRMED : Outcome.CORRECTED;
        // Labels and department codes only: never the voice's text.
        String detail = before.kind() + "->" + labels.kind() + "; " + names(before.topics()) + "->"
                + names(labels.topics()) + "; " + before.sentiment() + "->" + labels.sentiment()
                + (department.equals(before.department()) ? "" : "; rerouted " + before.department() + "->" + department);
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR),
                outcome == Outcome.CONFIRMED ? "voice.item.confirmed" : "voice.item.corrected", "voice-item/" + itemId,
                null, AuditOutcome.SUCCESS, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN),
                AuditEvent.fit(detail, AuditEvent.MAX_DETAIL)));
        return new Correction(outcome, after, before.department());
    }

    /**
     * The item's labels as a form shows them, posted back with a correction: kind, topics in rank order, sentiment
     * and whether staff reviewed them ({@code COMPLAINT/POINTS,FEES_INTEREST/NEGATIVE/reviewed}).
     */
    public static String seen(VoiceItem item) {
        return item.kind().name() + "/" + names(item.topics()) + "/" + item.sentiment().name() + "/"
                + (item.corrected() ? "reviewed" : "open");
    }

    /** No such item, or one erased. */
    public static final class UnknownItem extends RuntimeException {

        UnknownItem() {
            super("no such voice item", null, false, false);
        }
    }

    private static String names(List<Topic> topics) {
        return topics.stream().map(Topic::name).collect(Collectors.joining(","));
    }

    /** An item's row before its topics are read. */
    private record Row(String id, Source source, Channel channel, Timestamp receivedAt, Timestamp recordedAt,
            String customerId, String redactedText, Kind kind, Sentiment sentiment, String department,
            String modelVersion, boolean corrected) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("id"), Source.valueOf(rs.getString("source")),
                Channel.valueOf(rs.getString("channel")), rs.getTimestamp("received_at"),
                rs.getTimestamp("recorded_at"), rs.getString("customer_id"), rs.getString("redacted_text"),
                Kind.valueOf(rs.getString("kind")), Sentiment.valueOf(rs.getString("sentiment")),
                rs.getString("department"), rs.getString("model_version"), rs.getBoolean("corrected"));
    }

    private List<VoiceItem> withTopics(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Topic>> topics = new LinkedHashMap<>();
        String marks = String.join(", ", rows.stream().map(r -> "?").toList());
        jdbc.sql("SELECT item_id, topic FROM voice_item_topics WHERE item_id IN (" + marks + ") "
                + "ORDER BY item_id, topic_rank").params(rows.stream().map(Row::id).map(Object.class::cast).toList())
                .query(rs -> {
                    topics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Topic.valueOf(rs.getString(2)));
                });
        return rows.stream().map(r -> new VoiceItem(r.id(), r.source(), r.channel(), r.receivedAt().toInstant(),
                r.recordedAt().toInstant(), r.customerId(), r.redactedText(), r.kind(),
                topics.getOrDefault(r.id(), List.of()), r.sentiment(), r.department(), r.modelVersion(),
                r.corrected(), false)).toList();
    }
}
