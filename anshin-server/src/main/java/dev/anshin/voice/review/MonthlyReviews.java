package dev.anshin.voice.review;

import dev.anshin.site.Display;
import dev.anshin.voice.Channel;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Builds the monthly review from the stored voices: a month is Japan time's calendar month of {@code received_at};
 * a department's review counts the items routed to it ({@code voice_items.department}); counting by topic counts
 * every topic an item has. Only redacted text is read, and none of an erased voice.
 */
@Service
public class MonthlyReviews {

    /** How many topics the report calls "top" and quotes from. */
    public static final int TOP_TOPICS = 3;
    /** Quotes per top topic. */
    public static final int QUOTES_PER_TOPIC = 3;
    /** Characters of a quote shown before it is cut with "…". */
    public static final int QUOTE_LENGTH = 120;

    private final JdbcClient jdbc;
    private final Countermeasures countermeasures;

    MonthlyReviews(JdbcClient jdbc, Countermeasures countermeasures) {
        this.jdbc = jdbc;
        this.countermeasures = countermeasures;
    }

    /**
     * The review of {@code month} for {@code department} (a department code), or for the company when null.
     *
     * @throws CountermeasureRefused UNKNOWN_DEPARTMENT (field {@code department}) for a department that does not exist
     */
    public MonthlyReview review(YearMonth month, String department) {
        if (department != null && !countermeasures.departmentExists(department)) {
            throw new CountermeasureRefused(CountermeasureRefused.Reason.UNKNOWN_DEPARTMENT, "department");
        }
        YearMonth before = month.minusMonths(1);
        long total = total(month, department);
        long previousTotal = total(before, department);
        List<MonthlyReview.Count> kinds = counts("kind", Kind.values(), month, department);
        List<MonthlyReview.Count> channels = counts("channel", Channel.values(), month, department);
        List<MonthlyReview.Count> sentiments = counts("sentiment", Sentiment.values(), month, department);
        Map<String, Long> topicsNow = topicCounts(month, department);
        Map<String, Long> topicsBefore = topicCounts(before, department);
        List<MonthlyReview.Count> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new MonthlyReview.Count(topic.name(), topicsNow.getOrDefault(topic.name(), 0L),
                    topicsBefore.getOrDefault(topic.name(), 0L)));
        }
        List<MonthlyReview.TopTopic> top = topics.stream().filter(c -> c.count() > 0)
                .sorted(Comparator.comparingLong(MonthlyReview.Count::count).reversed()
                        .thenComparing(c -> Topic.valueOf(c.label()).ordinal()))
                .limit(TOP_TOPICS)
                .map(c -> new MonthlyReview.TopTopic(Topic.valueOf(c.label()), c,
                        quotes(Topic.valueOf(c.label()), month, department)))
                .toList();
        LocalDate lateOn = earlier(month.plusMonths(1).atDay(1), countermeasures.today());
        List<MonthlyReview.FollowUp> followUps = countermeasures.forReview(month, department, true).stream()
                .map(c -> new MonthlyReview.FollowUp(c, c.status() == CountermeasureStatus.DONE, c.lateOn(lateOn),
                        c.topics().stream().map(t -> new MonthlyReview.Effect(t,
                                topicCount(t, c.createdMonth(), c.department()), topicCount(t, month, c.department())))
                                .toList()))
                .toList();
        return new MonthlyReview(month, department, new MonthlyReview.Count("TOTAL", total, previousTotal), kinds,
                topics, channels, sentiments, top, countermeasures.forReview(month, department, false), followUps);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private long total(YearMonth month, String department) {
        return scoped(jdbc.sql("SELECT COUNT(*) FROM voice_items i WHERE i.received_at >= ? AND i.received_at < ?"
                + (department == null ? "" : " AND i.department = ?")), month, department).query(Long.class).single();
    }

    private List<MonthlyReview.Count> counts(String column, Enum<?>[] labels, YearMonth month, String department) {
        Map<String, Long> now = grouped(column, month, department);
        Map<String, Long> before = grouped(column, month.minusMonths(1), department);
        List<MonthlyReview.Count> out = new ArrayList<>();
        for (Enum<?> label : labels) {
            out.add(new MonthlyReview.Count(label.name(), now.getOrDefault(label.name(), 0L),
                    before.getOrDefault(label.name(), 0L)));
        }
        return out;
    }

    private Map<String, Long> grouped(String column, YearMonth month, String department) {
        // column is one of three constants of this class, never input
        Map<String, Long> out = new HashMap<>();
        scoped(jdbc.sql("SELECT i." + column + ", COUNT(*) FROM voice_items i WHERE i.received_at >= ? "
                + "AND i.received_at < ?" + (department == null ? "" : " AND i.department = ?") + " GROUP BY i."
                + column), month, department)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private Map<String, Long> topicCounts(YearMonth month, String department) {
        Map<String, Long> out = new HashMap<>();
        scoped(jdbc.sql("SELECT t.topic, COUNT(*) FROM voice_item_topics t JOIN voice_items i ON i.id = t.item_id "
                + "WHERE i.received_at >= ? AND i.received_at < ?"
                + (department == null ? "" : " AND i.department = ?") + " GROUP BY t.topic"), month, department)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    long topicCount(Topic topic, YearMonth month, String department) {
        return scoped(jdbc.sql("SELECT COUNT(*) FROM voice_item_topics t JOIN voice_items i ON i.id = t.item_id "
                + "WHERE i.received_at >= ? AND i.received_at < ?"
                + (department == null ? "" : " AND i.department = ?") + " AND t.topic = ?"), month, department)
                .param(topic.name()).query(Long.class).single();
    }

    private List<MonthlyReview.Quote> quotes(Topic topic, YearMonth month, String department) {
        return scoped(jdbc.sql("SELECT i.id, i.kind, i.channel, i.received_at, i.redacted_text FROM voice_items i "
                + "JOIN voice_item_topics t ON t.item_id = i.id WHERE i.received_at >= ? AND i.received_at < ?"
                + (department == null ? "" : " AND i.department = ?")
                + " AND t.topic = ? AND i.erased_at IS NULL AND i.redacted_text <> '' "
                + "ORDER BY CASE WHEN i.kind = 'COMPLAINT' THEN 0 ELSE 1 END, i.received_at DESC, i.id "
                + "FETCH FIRST " + QUOTES_PER_TOPIC + " ROWS ONLY"), month,
                department)
                .param(topic.name())
                .query((rs, n) -> new MonthlyReview.Quote(rs.getString(1), Kind.valueOf(rs.getString(2)),
                        Channel.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), truncate(rs.getString(5))))
                .list().stream().limit(QUOTES_PER_TOPIC).toList();
    }

    static String truncate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= QUOTE_LENGTH) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, QUOTE_LENGTH)) + "…";
    }

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec sql, YearMonth month, String department) {
        sql = sql.param(Timestamp.from(month.atDay(1).atStartOfDay(Display.ZONE).toInstant()))
                .param(Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(Display.ZONE).toInstant()));
        return department == null ? sql : sql.param(department);
    }
}
