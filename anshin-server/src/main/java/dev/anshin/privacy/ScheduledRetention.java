package dev.anshin.privacy;

import java.util.List;

/**
 * A retention a module runs on its own schedule rather than as a {@link RetentionRule} of the daily job (the audit
 * log's, the devices', the notification outbox's, the provision records'), shown beside the rules in the retention
 * status so that one page says what is kept how long. Implementations are Spring beans and only describe; what they
 * delete, and when, stays theirs.
 */
public interface ScheduledRetention {

    /** What is kept how long, and when it is purged. */
    List<RetentionStatus.RetentionElsewhere> retentions();
}
