package dev.anshin.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The retention job's lease across servers, and its runs with their progress per rule, as rows. */
@Repository
class RetentionRuns {

    private static final String JOB = "retention";
    private static final Timestamp FREE = Timestamp.from(Instant.EPOCH);

    /** What one rule did in one run: counts and times, never personal data. */
    record RuleProgress(String rule, String entry, String period, Instant cutoff, long removed, String state,
            String error, Instant finishedAt) {
    }

    /** One run and its rules, in the order they were swept. */
    record Run(String id, Instant startedAt, Instant finishedAt, String startedBy, String state,
            List<RuleProgress> rules) {
    }

    private final JdbcClient jdbc;

    RetentionRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the job for {@code runId} until {@code until} if no server holds it now; with {@code startedBefore},
     * only if no run started after that (and not in the future either: a clock set back must not stop the job).
     * One UPDATE, so two servers asking at once cannot both win.
     */
    boolean claim(String runId, Instant now, Instant until, Instant startedBefore) {
        String gap = startedBefore == null ? ""
                : " AND (last_started IS NULL OR last_started <= :startedBefore OR last_started > :now)";
        JdbcClient.StatementSpec spec = jdbc.sql("UPDATE retention_lease SET holder = :run, held_until = :until, "
                        + "last_started = :now WHERE job = :job AND held_until <= :now" + gap)
                .param("run", runId).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .param("job", JOB);
        if (startedBefore != null) {
            spec = spec.param("startedBefore", Timestamp.from(startedBefore));
        }
        return spec.update() == 1;
    }

    /** Holds the job longer; false when this run no longer holds it (its lease ran out and another took it). */
    boolean renew(String runId, Instant until) {
        return jdbc.sql("UPDATE retention_lease SET held_until = ? WHERE job = ? AND holder = ?")
                .params(Timestamp.from(until), JOB, runId).update() == 1;
    }

    /** Gives the job back at the end of a run. */
    void release(String runId) {
        jdbc.sql("UPDATE retention_lease SET holder = NULL, held_until = ? WHERE job = ? AND holder = ?")
                .params(FREE, JOB, runId).update();
    }

    /** Runs left unfinished by a server that stopped: whoever holds the job now knows they are not running. */
    void abandonUnfinished(Instant now) {
        jdbc.sql("UPDATE retention_run_rules SET state = 'ABANDONED' WHERE state IN ('WAITING', 'RUNNING') "
                + "AND run_id IN (SELECT id FROM retention_runs WHERE finished_at IS NULL)").update();
        jdbc.sql("UPDATE retention_runs SET state = 'ABANDONED', finished_at = ? WHERE finished_at IS NULL")
                .param(Timestamp.from(now)).update();
    }

    void start(String runId, Instant at, String startedBy, List<RuleProgress> rules) {
        jdbc.sql("INSERT INTO retention_runs (id, started_at, started_by, state) VALUES (?, ?, ?, 'RUNNING')")
                .params(runId, Timestamp.from(at), startedBy).update();
        for (RuleProgress rule : rules) {
            jdbc.sql("INSERT INTO retention_run_rules (run_id, rule, entry, period, cutoff, removed, state) "
                            + "VALUES (?, ?, ?, ?, ?, 0, 'WAITING')")
                    .params(runId, rule.rule(), rule.entry(), rule.period(), Timestamp.from(rule.cutoff())).update();
        }
    }

    void progress(String runId, String rule, long removed) {
        jdbc.sql("UPDATE retention_run_rules SET removed = ?, state = 'RUNNING' WHERE run_id = ? AND rule = ?")
                .params(removed, runId, rule).update();
    }

    void ruleDone(String runId, String rule, long removed, String state, String error, Instant at) {
        jdbc.sql("UPDATE retention_run_rules SET removed = ?, state = ?, error = ?, finished_at = ? "
                        + "WHERE run_id = ? AND rule = ?")
                .params(removed, state, error, Timestamp.from(at), runId, rule).update();
    }

    void finish(String runId, String state, Instant at) {
        jdbc.sql("UPDATE retention_runs SET state = ?, finished_at = ? WHERE id = ?")
                .params(state, Timestamp.from(at), runId).update();
    }

    /** The newest runs, newest first. */
    List<Run> recent(int limit) {
        List<Run> runs = jdbc.sql("SELECT * FROM retention_runs ORDER BY started_at DESC, id").withMaxRows(limit)
                .query((rs, n) -> new Run(rs.getString("id"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        rs.getString("started_by"), rs.getString("state"), List.of()))
                .list();
        return runs.stream().map(run -> new Run(run.id(), run.startedAt(), run.finishedAt(), run.startedBy(),
                run.state(), rules(run.id()))).toList();
    }

    Optional<Run> run(String runId) {
        return jdbc.sql("SELECT * FROM retention_runs WHERE id = ?").param(runId)
                .query((rs, n) -> new Run(rs.getString("id"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        rs.getString("started_by"), rs.getString("state"), List.of()))
                .optional()
                .map(run -> new Run(run.id(), run.startedAt(), run.finishedAt(), run.startedBy(), run.state(),
                        rules(run.id())));
    }

    private List<RuleProgress> rules(String runId) {
        return jdbc.sql("SELECT * FROM retention_run_rules WHERE run_id = ? ORDER BY entry, rule").param(runId)
                .query((rs, n) -> new RuleProgress(rs.getString("rule"), rs.getString("entry"), rs.getString("period"),
                        instant(rs, "cutoff"), rs.getLong("removed"), rs.getString("state"), rs.getString("error"),
                        instant(rs, "finished_at")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
