package dev.anshin.onboarding;

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
 * Declined and abandoned applications leave {@code anshin.onboarding.closed-retention} (5 years) after they closed
 * (their last move, {@code updated_at}), with their moves, setup links, link sends and decision notice. As long as
 * the screening decision they were declined on (the screening module's {@code anshin.screening.record-retention}
 * has the same default), so a complaint or a credit bureau's question about a refusal can be answered from both.
 * A declined application stays until its leftovers are tidied ({@code tidied_at}: its card closed, its
 * portal enrollment revoked), which the recovery job retries. Issued applications stay: the card's record refers
 * to them. The eKYC verification and the screening decision of
 * an application leave by their own modules' rules.
 */
@Component
class ApplicationRetention implements RetentionRule {

    static final String SETTING = "anshin.onboarding.closed-retention";
    private static final List<String> CLOSED = List.of(ApplicationStatus.DECLINED.name(),
            ApplicationStatus.ABANDONED.name());

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration period;

    ApplicationRetention(JdbcClient jdbc, TransactionTemplate transactions,
            @Value("${" + SETTING + ":1826d}") Duration period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return ApplicationPersonalData.RECORD;
    }

    /** Measured from the application's last move ({@code updated_at}): when it was declined or abandoned. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            // No move leaves these statuses, so the DELETE below names them again rather than locking.
            // A declined application whose leftovers are not tidied yet (tidied_at, V44) stays until the recovery
            // job tidied them (Applications.recover): deleted, its card would never be closed.
            List<String> due = jdbc.sql("SELECT id FROM applications WHERE status IN (:closed) AND updated_at < :cutoff "
                            + "AND (status <> 'DECLINED' OR tidied_at IS NOT NULL) "
                            + "ORDER BY updated_at, id FETCH FIRST " + limit + " ROWS ONLY")
                    .param("closed", CLOSED).param("cutoff", Timestamp.from(cutoff)).query(String.class).list();
            if (due.isEmpty()) {
                return 0;
            }
            for (String table : List.of("application_moves", "application_links", "application_link_sends",
                    "application_decision_notices")) {
                jdbc.sql("DELETE FROM " + table + " WHERE application_id IN (:ids)").param("ids", due).update();
            }
            return jdbc.sql("DELETE FROM applications WHERE id IN (:ids) AND status IN (:closed)")
                    .param("ids", due).param("closed", CLOSED).update();
        });
    }
}
