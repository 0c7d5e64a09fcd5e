package dev.anshin.fraud;

import dev.anshin.privacy.RetentionRule;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authorizations leave {@code anshin.fraud.authorization-retention} after they occurred (their {@code occurred_at}):
 * the row (request, decision, score, reasons, device data) and its fraud labels are deleted; what other modules keep
 * about them is deleted or anonymized first by their {@link AuthorizationRetentionListener}s, in the same
 * transaction (a closed dispute goes with its authorization; device frauds keep counting against the device but no
 * longer name the authorization). An authorization an open dispute still needs is kept whole until the dispute
 * closes: the case needs the amount, the merchant, the time and the device facts to be decided and charged back.
 *
 * <p>The in-memory feature state is not touched: it holds at most {@code replay-window} / {@code idle-eviction} of
 * history, far shorter than any retention period.
 */
@Component
class AuthorizationRetention implements RetentionRule {

    static final String ENTRY = "PURCHASES";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<AuthorizationRetentionListener> listeners;
    private final Duration period;

    AuthorizationRetention(JdbcClient jdbc, TransactionTemplate transactions,
            ObjectProvider<AuthorizationRetentionListener> listeners, FraudRetentionProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.listeners = listeners;
        this.period = properties.authorizationRetention();
    }

    @Override
    public String entry() {
        return ENTRY;
    }

    /** Measured from the authorization's {@code occurred_at}. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            List<String> due = due(cutoff, limit);
            if (due.isEmpty()) {
                return 0;
            }
            listeners.orderedStream().forEach(listener -> listener.leaving(due));
            jdbc.sql("DELETE FROM fraud_labels WHERE authorization_id IN (:ids)").param("ids", due).update();
            return jdbc.sql("DELETE FROM authorizations WHERE authorization_id IN (:ids)").param("ids", due).update();
        });
    }

    /**
     * Up to {@code limit} authorizations occurred before {@code cutoff}, oldest first, that no listener still needs.
     * Those still needed are passed over page by page (they are few: open disputes), so they never block the rest.
     */
    private List<String> due(Instant cutoff, int limit) {
        List<String> due = new ArrayList<>(limit);
        Timestamp before = Timestamp.from(cutoff);
        Timestamp afterAt = null;
        String afterId = null;
        int page = Math.max(limit, 100);
        while (due.size() < limit) {
            String after = afterAt == null ? ""
                    : " AND (occurred_at > :afterAt OR (occurred_at = :afterAt AND authorization_id > :afterId))";
            JdbcClient.StatementSpec spec = jdbc.sql("SELECT authorization_id, occurred_at FROM authorizations "
                            + "WHERE occurred_at < :before" + after + " ORDER BY occurred_at, authorization_id LIMIT :page")
                    .param("before", before).param("page", page);
            if (afterAt != null) {
                spec = spec.param("afterAt", afterAt).param("afterId", afterId);
            }
            List<Object[]> rows = spec.query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}).list();
            if (rows.isEmpty()) {
                break;
            }
            List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
            Set<String> needed = new HashSet<>();
            listeners.orderedStream().forEach(listener -> needed.addAll(listener.stillNeeded(ids)));
            for (String id : ids) {
                if (due.size() < limit && !needed.contains(id)) {
                    due.add(id);
                }
            }
            Object[] last = rows.get(rows.size() - 1);
            afterId = (String) last[0];
            afterAt = (Timestamp) last[1];
            if (rows.size() < page) {
                break;
            }
        }
        return due;
    }
}
