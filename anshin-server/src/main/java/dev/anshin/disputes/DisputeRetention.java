package dev.anshin.disputes;

import dev.anshin.fraud.AuthorizationRetentionListener;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A dispute and its authorization leave together (docs/operations.md, "Retention"). While the case is open, the
 * authorization it is about is kept whole, however old: the investigation and the chargeback need its amount,
 * merchant, time and device facts. Once it is closed (won, lost, expired, written off, withdrawn) and the
 * authorization has passed its period, the case, its events and its report (when no other case of the report is
 * left) are deleted with it.
 */
@Component
class DisputeRetention implements AuthorizationRetentionListener {

    private static final List<String> CLOSED = Arrays.stream(DisputeStatus.values()).filter(DisputeStatus::closed)
            .map(Enum::name).toList();

    private final JdbcClient jdbc;

    DisputeRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> stillNeeded(List<String> authorizationIds) {
        return new HashSet<>(jdbc.sql("SELECT authorization_id FROM disputes WHERE authorization_id IN (:ids) "
                        + "AND status NOT IN (:closed)")
                .param("ids", authorizationIds).param("closed", CLOSED).query(String.class).list());
    }

    /**
     * Deletes the closed cases of these authorizations. An open one among them (opened after {@link #stillNeeded}
     * was asked) fails the batch, so the authorization it needs is not deleted either; the DELETE itself names
     * only closed cases.
     */
    @Override
    public void leaving(List<String> authorizationIds) {
        List<Object[]> cases = jdbc.sql("SELECT dispute_id, report_id, status FROM disputes "
                        + "WHERE authorization_id IN (:ids) FOR UPDATE")
                .param("ids", authorizationIds)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        if (cases.isEmpty()) {
            return;
        }
        if (cases.stream().anyMatch(c -> !CLOSED.contains((String) c[2]))) {
            throw new IllegalStateException("an open dispute still needs an authorization of this batch; nothing "
                    + "of the batch was deleted");
        }
        List<String> disputes = cases.stream().map(c -> (String) c[0]).toList();
        List<String> reports = cases.stream().map(c -> (String) c[1]).distinct().toList();
        jdbc.sql("DELETE FROM dispute_events WHERE dispute_id IN (SELECT dispute_id FROM disputes "
                        + "WHERE dispute_id IN (:ids) AND status IN (:closed))")
                .param("ids", disputes).param("closed", CLOSED).update();
        int deleted = jdbc.sql("DELETE FROM disputes WHERE dispute_id IN (:ids) AND status IN (:closed)")
                .param("ids", disputes).param("closed", CLOSED).update();
        if (deleted != disputes.size()) {
            throw new IllegalStateException("a dispute of this batch was reopened meanwhile; nothing of the batch "
                    + "was deleted");
        }
        jdbc.sql("DELETE FROM dispute_reports WHERE report_id IN (:ids) AND NOT EXISTS "
                + "(SELECT 1 FROM disputes d WHERE d.report_id = dispute_reports.report_id)").param("ids", reports).update();
    }
}
