package dev.anshin.privacy;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The audit log's own retention ({@code AuditRetention} in the audit module, PCI DSS 10.5.1), described for the
 * retention status. Described here because the audit module depends on nothing that could show it; its settings are
 * read the way the audit module reads them, with the same defaults.
 */
@Component
class AuditLogRetention implements ScheduledRetention {

    private final Duration retention;
    private final String cron;

    AuditLogRetention(@Value("${anshin.audit.retention:365d}") Duration retention,
            @Value("${anshin.audit.purge-cron:0 17 3 * * *}") String cron) {
        this.retention = retention;
        this.cron = cron;
    }

    @Override
    public List<RetentionStatus.RetentionElsewhere> retentions() {
        return List.of(new RetentionStatus.RetentionElsewhere("audit-log", null, retention, cron, "anshin.audit.retention"));
    }
}
