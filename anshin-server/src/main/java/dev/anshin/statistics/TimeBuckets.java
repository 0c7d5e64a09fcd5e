package dev.anshin.statistics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The time cells of a report over whole months, in Japan time: the months from..to, or the weeks
 * (Monday to Sunday, named by their Monday) that meet them. Each bucket is a half-open interval of
 * instants, so the database sorts a purchase into its bucket with plain comparisons (the same SQL on
 * H2 and PostgreSQL, whatever the session's time zone).
 */
record TimeBuckets(List<String> labels, List<Instant> starts, Instant start, Instant end) {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    static TimeBuckets of(Dimension dimension, YearMonth from, YearMonth to) {
        Instant start = from.atDay(1).atStartOfDay(JAPAN).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(JAPAN).toInstant();
        List<String> labels = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        if (dimension == Dimension.WEEK) {
            LocalDate monday = from.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate last = to.atEndOfMonth();
            for (LocalDate week = monday; !week.isAfter(last); week = week.plusWeeks(1)) {
                labels.add(week.toString());
                Instant weekStart = week.atStartOfDay(JAPAN).toInstant();
                starts.add(weekStart.isBefore(start) ? start : weekStart);
            }
        } else {
            for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                labels.add(month.toString());
                starts.add(month.atDay(1).atStartOfDay(JAPAN).toInstant());
            }
        }
        return new TimeBuckets(List.copyOf(labels), List.copyOf(starts), start, end);
    }

    /** The months a report covers, one budget period each. */
    static List<String> months(YearMonth from, YearMonth to) {
        List<String> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month.toString());
        }
        return months;
    }
}
