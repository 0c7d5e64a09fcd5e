package dev.anshin.privacy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent ledger's history leaves {@code anshin.privacy.consent-history-retention} (5 years) after it stopped
 * being in force: an entry is deleted once a later choice of the same person for the same purpose, product and
 * recipient was recorded that long ago. The choice in force (the latest of each) is never deleted, whatever its
 * age, nor an entry a provision record names as its basis (APPI Art. 29: kept with the record). Five years: the
 * limitation period of claims under the Civil Code (Art. 166), within which the issuer may have to prove what the
 * person had chosen when.
 */
@Component
class ConsentHistoryRetention implements RetentionRule {

    static final String SETTING = "anshin.privacy.consent-history-retention";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration period;

    ConsentHistoryRetention(JdbcClient jdbc, TransactionTemplate transactions,
            @Value("${" + SETTING + ":1826d}") Duration period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return PrivacyRecords.CONSENTS;
    }

    /** Measured from the later choice that replaced the entry (its {@code recorded_at}). */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            List<Long> due = jdbc.sql("""
                            SELECT c.seq FROM consent_ledger c
                            WHERE EXISTS (SELECT 1 FROM consent_ledger l WHERE l.customer_id = c.customer_id
                                    AND l.purpose = c.purpose AND l.seq > c.seq AND l.recorded_at < :cutoff
                                    AND (l.product = c.product OR (l.product IS NULL AND c.product IS NULL))
                                    AND (l.recipient = c.recipient OR (l.recipient IS NULL AND c.recipient IS NULL)))
                              AND NOT EXISTS (SELECT 1 FROM provision_records p WHERE p.consent_seq = c.seq)
                            ORDER BY c.seq""" + " FETCH FIRST " + limit + " ROWS ONLY")
                    .param("cutoff", Timestamp.from(cutoff)).query(Long.class).list();
            if (due.isEmpty()) {
                return 0;
            }
            return jdbc.sql("DELETE FROM consent_ledger WHERE seq IN (:seqs)").param("seqs", due).update();
        });
    }
}
