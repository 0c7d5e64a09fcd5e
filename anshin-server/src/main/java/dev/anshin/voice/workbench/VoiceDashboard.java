package dev.anshin.voice.workbench;

import dev.anshin.site.Display;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The company-wide dashboard's figures: voices per day (the issuer's calendar, {@link Display#ZONE}) by kind, topic,
 * channel or sentiment, counted by the database; weeks (Monday to Sunday) are summed here from the days, so the SQL
 * is the same on H2 and PostgreSQL. An item with several topics counts once under each of them.
 */
@Service
public class VoiceDashboard {

    /** Days shown by day. */
    public static final int DAYS = 30;
    /** Weeks shown by week. */
    public static final int WEEKS = 26;

    public enum Dimension {
        KIND("i.kind"), TOPIC("t.topic"), CHANNEL("i.channel"), SENTIMENT("i.sentiment");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    public enum Period { DAILY, WEEKLY }

    /**
     * Counts over buckets: {@code buckets} are the first day of each day or week, oldest first; {@code counts} maps a
     * label to its count per bucket (every label present in the range, in the order of {@code labels} given).
     */
    public record Counts(Period period, List<LocalDate> buckets, Map<String, List<Long>> counts) {

        public long total(int bucket) {
            return counts.values().stream().mapToLong(v -> v.get(bucket)).sum();
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    VoiceDashboard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Today in the issuer's calendar. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Display.ZONE);
    }

    /** The last {@link #DAYS} days or {@link #WEEKS} weeks up to today, by the dimension's labels (all of them). */
    public Counts counts(Dimension dimension, Period period, List<String> labels) {
        return counts(dimension, period, labels, today());
    }

    Counts counts(Dimension dimension, Period period, List<String> labels, LocalDate today) {
        List<LocalDate> buckets = new ArrayList<>();
        if (period == Period.DAILY) {
            for (int i = DAYS - 1; i >= 0; i--) {
                buckets.add(today.minusDays(i));
            }
        } else {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            for (int i = WEEKS - 1; i >= 0; i--) {
                buckets.add(monday.minusWeeks(i));
            }
        }
        Map<LocalDate, Map<String, Long>> daily = daily(dimension, buckets.get(0), today.plusDays(1));
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (String label : labels) {
            List<Long> values = new ArrayList<>();
            for (int b = 0; b < buckets.size(); b++) {
                LocalDate from = buckets.get(b);
                LocalDate to = period == Period.DAILY ? from.plusDays(1) : from.plusWeeks(1);
                long sum = 0;
                for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                    sum += daily.getOrDefault(d, Map.of()).getOrDefault(label, 0L);
                }
                values.add(sum);
            }
            counts.put(label, values);
        }
        return new Counts(period, buckets, counts);
    }

    /** Voices per calendar day and label received in [from, to), counted by the database. */
    Map<LocalDate, Map<String, Long>> daily(Dimension dimension, LocalDate from, LocalDate to) {
        ZoneId zone = Display.ZONE;
        // The issuer's calendar day as a day number (days since 1970-01-01 there), by the zone's offset in seconds:
        // EXTRACT(EPOCH ...) means the same on H2 and PostgreSQL, whereas casting a timestamp with time zone to a
        // date takes the session's zone (UTC on H2 here), and AT TIME ZONE differs between them. Japan keeps no
        // summer time, so one offset holds for every day shown.
        int offset = zone.getRules().getOffset(from.atStartOfDay(zone).toInstant()).getTotalSeconds();
        String day = "CAST(FLOOR((EXTRACT(EPOCH FROM i.received_at) + " + offset + ") / 86400) AS BIGINT)";
        String join = dimension == Dimension.TOPIC ? " JOIN voice_item_topics t ON t.item_id = i.id" : "";
        String sql = "SELECT d, label, COUNT(*) AS n FROM (SELECT " + day + " AS d, " + dimension.column
                + " AS label FROM voice_items i" + join + " WHERE i.received_at >= ? AND i.received_at < ?) x "
                + "GROUP BY d, label";
        Map<LocalDate, Map<String, Long>> counts = new LinkedHashMap<>();
        jdbc.sql(sql).params(Timestamp.from(from.atStartOfDay(zone).toInstant()),
                Timestamp.from(to.atStartOfDay(zone).toInstant())).query(rs -> {
                    counts.computeIfAbsent(LocalDate.ofEpochDay(rs.getLong("d")), k -> new LinkedHashMap<>())
                            .merge(rs.getString("label"), rs.getLong("n"), Long::sum);
                });
        return counts;
    }
}
