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
 * @param failures     accounts left for the next run (the bureau did not answer, or an error)
 */
public record RescreeningStatus(String runId, Instant startedAt, Instant finishedAt, int accountsDue,
        int accountsDone, int proposals, int failures) {

    public boolean running() {
        return finishedAt == null;
    }
}
