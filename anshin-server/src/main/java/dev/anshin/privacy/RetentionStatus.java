package dev.anshin.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where retention stands, for the privacy officer and the administrator: the rules the daily job sweeps, the
 * retentions that run on their own schedule, and the last run with what each rule removed. Counts and times only.
 *
 * @param enabled   whether the scheduled run is on
 * @param schedule  when it runs (cron, server time zone)
 * @param rules     the rules the job sweeps: bean name, catalog entry, period
 * @param elsewhere retentions run by their own module's schedule (not by this job), with their periods
 * @param lastRun   the newest run, null before the first
 */
public record RetentionStatus(boolean enabled, String schedule, List<RetentionRuleSetting> rules,
        List<RetentionElsewhere> elsewhere, RetentionRun lastRun) {

    /** A rule the job sweeps; {@code period} in ISO-8601 ({@code P2557D}), {@code periodDays} the same in days. */
    public record RetentionRuleSetting(String rule, String entry, String period, long periodDays) {
    }

    /**
     * A retention its module runs on its own schedule.
     *
     * @param what     a stable key of what is purged ({@code audit-log}, {@code device-observations}…)
     * @param entry    the catalog entry it belongs to, null when it is not personal data of the catalog
     * @param period   how long it is kept, ISO-8601
     * @param schedule when the purge runs: a cron expression, or {@code every PT24H}
     * @param setting  the property that sets the period
     */
    public record RetentionElsewhere(String what, String entry, String period, long periodDays, String schedule,
            String setting) {

        public RetentionElsewhere(String what, String entry, Duration period, String schedule, String setting) {
            this(what, entry, iso(period), period.toDays(), schedule, setting);
        }
    }

    /** One run; {@code state} RUNNING, FINISHED, FAILED or ABANDONED. */
    public record RetentionRun(String id, Instant startedAt, Instant finishedAt, String startedBy, String state,
            List<RetentionRuleRun> rules) {
    }

    /**
     * One rule in a run: the cutoff (items measured from before it had passed the period), how many it removed or
     * anonymized, and its state (WAITING, RUNNING, FINISHED, CAPPED, FAILED, ABANDONED).
     */
    public record RetentionRuleRun(String rule, String entry, String period, Instant cutoff, long removed, String state,
            String error, Instant finishedAt) {
    }

    /** A period in ISO-8601, in whole days when it is ({@code P2557D}), else as {@link Duration#toString}. */
    static String iso(Duration period) {
        return period.toSeconds() % 86_400 == 0 && period.getNano() == 0 ? "P" + period.toDays() + "D"
                : period.toString();
    }
}
