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
 * The records of the person's requests (disclosure, correction, stop of use, erasure) leave
 * {@code anshin.privacy.request-retention} (3 years) after they were closed (completed or rejected), with the
 * sealed values and result they hold. An open request is never deleted. The erasure's tombstone is not a request
 * record: it stays, so that a restored backup is erased again. Three years, as the provision and confirmation
 * records the same law asks for (APPI Art. 29, 30): long enough to show how a complaint to the PPC was answered.
 */
@Component
class RequestRecordsRetention implements RetentionRule {

    static final String SETTING = "anshin.privacy.request-retention";
    private static final List<String> CLOSED = List.of(RequestStatus.COMPLETED.name(), RequestStatus.REJECTED.name());

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration period;

    RequestRecordsRetention(JdbcClient jdbc, TransactionTemplate transactions,
            @Value("${" + SETTING + ":1096d}") Duration period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return PrivacyRecords.REQUESTS;
    }

    /** Measured from the request's {@code closed_at}. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            List<String> due = jdbc.sql("SELECT id FROM data_subject_requests WHERE status IN (:closed) "
                            + "AND closed_at < :cutoff ORDER BY closed_at, id FETCH FIRST " + limit + " ROWS ONLY")
                    .param("closed", CLOSED).param("cutoff", Timestamp.from(cutoff)).query(String.class).list();
            if (due.isEmpty()) {
                return 0;
            }
            return jdbc.sql("DELETE FROM data_subject_requests WHERE id IN (:ids) AND status IN (:closed)")
                    .param("ids", due).param("closed", CLOSED).update();
        });
    }
}
