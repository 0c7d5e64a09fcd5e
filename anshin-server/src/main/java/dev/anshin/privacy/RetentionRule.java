package dev.anshin.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How one kind of personal data leaves once its retention period has passed: a module holding the
 * data implements it as a Spring bean, and the privacy module's daily retention job finds every such
 * bean, sweeps each in batches, reports progress and records in the audit log how many items each
 * removed. The catalog entry's retention words come from the same {@link #period()}, so the catalog
 * says what the code does.
 */
public interface RetentionRule {

    /** The catalog entry ({@link HeldElsewhere.Entry#name()}) whose data this rule removes or anonymizes. */
    String entry();

    /** How long an item is kept after the time it is measured from (the rule says which time, in its docs). */
    Duration period();

    /**
     * Removes or anonymizes at most {@code limit} items whose period ended before {@code cutoff} (that
     * is, measured from a time before it), in one transaction of its own, and answers how many. The job
     * calls it again until it answers 0, so each call must make progress and be safe to repeat.
     */
    int sweep(Instant cutoff, int limit);

    /** A rule's period as read from its setting: refused at start-up unless positive. */
    static Duration positive(String setting, Duration period) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive");
        }
        return period;
    }

    /** One batch of a sweep in a transaction of its own, as {@link #sweep} asks: how many items it removed. */
    static int inTransaction(TransactionTemplate transactions, IntSupplier batch) {
        Integer swept = transactions.execute(tx -> batch.getAsInt());
        return swept == null ? 0 : swept;
    }
}
