package dev.anshin.screening;

import java.time.Instant;

/**
 * The progress of a re-screening run, as the staff page shows it.
 *
 * @param runId        its id; null for a look that found nothing due (not stored)
 * @param startedAt    when it started
 * @param finishedAt   when it finished, null while it runs (or if its instance stopped midway)
 * @param accountsDue  accounts due when it started
 * @param accountsDone accounts re-screened so far (with or without a proposal)
 * @param proposals    limit reductions proposed
 * @param failures     accounts not re-screened: the bureau did not answer (due again at the next look), or
 *                     an error (due again after the normal cadence: retrying hourly would ask the bureau
 *                     every hour for an account that cannot be reviewed)
 * @param errors       why the errors happened: each error's kind and how often, e.g.
 *                     {@code IllegalStateException x2}; empty when none
 * @param startedBy    who started it: the scheduled job ({@code rescreening-job}) or a staff member; null for
 *                     runs stored before this was recorded
 */
public record RescreeningStatus(String runId, Instant startedAt, Instant finishedAt, int accountsDue,
        int accountsDone, int proposals, int failures, String errors, String startedBy) {

    public RescreeningStatus(String runId, Instant startedAt, Instant finishedAt, int accountsDue, int accountsDone,
            int proposals, int failures, String errors) {
        this(runId, startedAt, finishedAt, accountsDue, accountsDone, proposals, failures, errors, null);
    }

    public boolean running() {
        return finishedAt == null;
    }
}
