package dev.anshin.fraud;

import dev.anshin.privacy.RetentionRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The decision log's part of the authorizations' retention (ADR 0005): a segment is deleted once its decisions are in
 * the database, but the one being written is only emptied when the server stops cleanly or it fills up (64 MB), which
 * on a quiet, never-restarted server can take longer than the retention period. This rule empties it once it holds a
 * decision that occurred before the cutoff and everything logged is in the database (where
 * {@link AuthorizationRetention} deletes it). Items are log restarts: 1 when the log was started over, else 0.
 * Nothing to do with the log switched off.
 *
 * <p>Backups: the server keeps none on disk (they stream to {@code anshin backup --url}, whose {@code --keep} and the
 * backup store's own lifecycle bound them; docs/operations.md). A restored backup's decisions older than the period
 * are deleted by the next run.
 */
@Component
class DecisionLogRetention implements RetentionRule {

    private final DecisionJournal journal;
    private final Duration period;

    DecisionLogRetention(DecisionJournal journal, FraudRetentionProperties properties) {
        this.journal = journal;
        this.period = properties.authorizationRetention();
    }

    @Override
    public String entry() {
        return AuthorizationRetention.ENTRY;
    }

    /** The authorizations' period, measured from the oldest decision's {@code occurred_at} in the segment. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        DecisionIndexer indexer = journal.indexer();
        if (indexer == null || limit < 1) {
            return 0;
        }
        try {
            return indexer.dropLoggedBefore(cutoff) ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("the decision log could not be started over", e);
        }
    }
}
