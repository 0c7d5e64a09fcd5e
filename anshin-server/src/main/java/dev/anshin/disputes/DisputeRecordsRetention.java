package dev.anshin.disputes;

import dev.anshin.privacy.RetentionRule;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes outside the authorizations' chain: {@link DisputeRetention} deletes a closed case with its authorization
 * (every case names one the database holds), and its report once no case of it is left; a report from which no
 * case was opened at all (every transaction it named was unknown or already reported) is not in that chain. It
 * leaves after the authorizations' period ({@code anshin.fraud.authorization-retention}, read with the same default
 * as the fraud module) from when it was submitted: as long as a case from it would have been kept.
 */
@Component
class DisputeRecordsRetention implements RetentionRule {

    static final String SETTING = "anshin.fraud.authorization-retention";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration period;

    DisputeRecordsRetention(JdbcClient jdbc, TransactionTemplate transactions,
            @Value("${" + SETTING + ":2557d}") Duration period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = period;
    }

    @Override
    public String entry() {
        return DisputePersonalData.DISPUTES;
    }

    /** Measured from the report's {@code submitted_at}. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            List<String> reports = jdbc.sql("SELECT report_id FROM dispute_reports r WHERE submitted_at < :before "
                            + "AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.report_id = r.report_id) "
                            + "ORDER BY submitted_at, report_id FETCH FIRST " + limit + " ROWS ONLY")
                    .param("before", Timestamp.from(cutoff)).query(String.class).list();
            if (reports.isEmpty()) {
                return 0;
            }
            return jdbc.sql("DELETE FROM dispute_reports WHERE report_id IN (:ids) AND NOT EXISTS "
                    + "(SELECT 1 FROM disputes d WHERE d.report_id = dispute_reports.report_id)")
                    .param("ids", reports).update();
        });
    }
}
