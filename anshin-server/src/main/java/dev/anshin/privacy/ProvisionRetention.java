package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes encrypted exports once they expire and provision records once they are older than
 * {@code anshin.privacy.provisions.record-retention} (3 years), daily; the purge is audited.
 */
@Component
class ProvisionRetention implements ScheduledRetention {

    private static final Logger log = LoggerFactory.getLogger(ProvisionRetention.class);

    /** What one purge deleted. */
    record Purge(int exportsDeleted, int recordsDeleted, Instant cutoff) {
    }

    private final ProvisionRecords records;
    private final ProvisionRequests requests;
    private final ProvisionProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProvisionRetention(ProvisionRecords records, ProvisionRequests requests, ProvisionProperties properties, AuditLog audit,
            TransactionTemplate transactions, Clock clock) {
        this.records = records;
        this.requests = requests;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${anshin.privacy.provisions.purge-cron:0 37 3 * * *}")
    void purgeDaily() {
        Purge purge = purge(clock.instant());
        if (purge.exportsDeleted() + purge.recordsDeleted() > 0) {
            log.info("Provision retention: {} expired exports and {} records before {} deleted", purge.exportsDeleted(),
                    purge.recordsDeleted(), purge.cutoff());
        }
    }

    @Override
    public java.util.List<RetentionStatus.RetentionElsewhere> retentions() {
        Instant now = clock.instant();
        java.time.Duration records = java.time.Duration.between(
                now.atOffset(ZoneOffset.UTC).minus(properties.recordRetention()).toInstant(), now);
        return java.util.List.of(
                new RetentionStatus.RetentionElsewhere("provision-records", null, properties.recordRetention().toString(),
                        records.toDays(), properties.purgeCron(), "anshin.privacy.provisions.record-retention"),
                new RetentionStatus.RetentionElsewhere("provision-exports", null, properties.exportTtl(),
                        properties.purgeCron(), "anshin.privacy.provisions.export-ttl"));
    }

    /** Deletes what is due at {@code now}. */
    Purge purge(Instant now) {
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(properties.recordRetention()).toInstant();
        return transactions.execute(tx -> {
            int exports = records.expireExports(now);
            int deleted = records.purgeBefore(cutoff);
            // Requests nobody approved in time expire; decided ones go with the records' retention.
            for (ProvisionRequests.StoredRequest expired : requests.expire(now)) {
                audit.record(new AuditEvent("system", "provision.expire", "provision-request/" + expired.id(),
                        Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, null, "not approved before "
                                + expired.expiresAt() + "; requested by " + expired.requestedBy() + ", nothing provided"));
            }
            requests.purgeBefore(cutoff);
            if (exports + deleted > 0) {
                audit.record(new AuditEvent("system", "provision.purge", "provision_records", null,
                        AuditOutcome.SUCCESS, null, exports + " expired exports, " + deleted
                                + " provision records made before " + cutoff));
            }
            return new Purge(exports, deleted, cutoff);
        });
    }
}
