package dev.anshin.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps entries for {@code anshin.audit.retention} (PCI DSS 10.5.1: 12 months) and deletes older
 * ones daily. The last deleted entry becomes the checkpoint in the head row, so what remains still
 * verifies; the purge itself is recorded, in the same transaction.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditProperties properties;
    private final AuditChain chain;
    private final AuditLog audit;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuditRetention(AuditProperties properties, AuditChain chain, AuditLog audit, DataSource dataSource,
            TransactionTemplate transactions, Clock clock) {
        this.properties = properties;
        this.chain = chain;
        this.audit = audit;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
        if (properties.retention().toDays() < 365) {
            log.warn("anshin.audit.retention is {}: PCI DSS 10.5.1 asks for at least 12 months", properties.retention());
        }
    }

    @Scheduled(cron = "${anshin.audit.purge-cron:0 17 3 * * *}")
    void purgeDaily() {
        AuditChain.Purge purge = purge(clock.instant());
        if (purge.deleted() > 0) {
            log.info("Audit retention: deleted entries {} to {}", purge.fromSeq(), purge.toSeq());
        }
    }

    /** Deletes the entries recorded before {@code now} minus the retention. */
    AuditChain.Purge purge(Instant now) {
        Instant cutoff = now.minus(properties.retention());
        return transactions.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                AuditChain.Purge purge = chain.purgeBefore(connection, cutoff);
                if (purge.deleted() > 0) {
                    audit.record(new AuditEvent("system", "audit.purge", "audit_log", null, AuditOutcome.SUCCESS, null,
                            "deleted seq " + purge.fromSeq() + ".." + purge.toSeq() + " (" + purge.deleted()
                                    + " entries) recorded before " + cutoff));
                }
                return purge;
            } catch (SQLException e) {
                throw new UncategorizedSQLException("purging the audit log", null, e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }
}
