package dev.anshin.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Provision requests waiting for (or given) a second officer's approval, as rows. */
@Repository
class ProvisionRequests {

    /** One request as stored: customer ids and item names, never a value. */
    record StoredRequest(String id, String requestId, String requestDigest, String recipientId,
            List<String> customerIds, Set<PersonalField> items, ProvisionRequestStatus status, String requestedBy,
            Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt, String rejection,
            String provisionId) {
    }

    private final JdbcClient jdbc;

    ProvisionRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredRequest request) {
        jdbc.sql("""
                        INSERT INTO provision_requests (id, request_id, request_digest, recipient_id, customer_ids, items,
                            status, requested_by, requested_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request.id(), request.requestId(), request.requestDigest(), request.recipientId(),
                        String.join(",", request.customerIds()), PersonalField.names(request.items()),
                        request.status().name(), request.requestedBy(), Timestamp.from(request.requestedAt()),
                        Timestamp.from(request.expiresAt()))
                .update();
    }

    Optional<StoredRequest> byId(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(ProvisionRequests::request).optional();
    }

    Optional<StoredRequest> byRequestId(String requestId) {
        return jdbc.sql(SELECT + " WHERE request_id = ?").param(requestId).query(ProvisionRequests::request).optional();
    }

    /** Requests in this state, oldest first (the queue), or newest first for decided ones. */
    List<StoredRequest> withStatus(ProvisionRequestStatus status, int limit) {
        String order = status == ProvisionRequestStatus.PENDING ? "requested_at, id" : "requested_at DESC, id";
        return jdbc.sql(SELECT + " WHERE status = ? ORDER BY " + order + " LIMIT ?").params(status.name(), limit)
                .query(ProvisionRequests::request).list();
    }

    /**
     * Moves a PENDING request to its decision; false when it was no longer pending (decided meanwhile), so the
     * caller changes nothing.
     */
    boolean decide(String id, ProvisionRequestStatus status, String by, Instant at, String rejection,
            String provisionId) {
        return jdbc.sql("""
                        UPDATE provision_requests SET status = ?, decided_by = ?, decided_at = ?, rejection = ?,
                            provision_id = ? WHERE id = ? AND status = 'PENDING'""")
                .params(status.name(), by, at == null ? null : Timestamp.from(at), rejection, provisionId, id)
                .update() == 1;
    }

    /** Marks every pending request whose window closed as expired; answers those it marked. */
    List<StoredRequest> expire(Instant now) {
        List<StoredRequest> due = jdbc.sql(SELECT + " WHERE status = 'PENDING' AND expires_at <= ? ORDER BY id")
                .param(Timestamp.from(now)).query(ProvisionRequests::request).list();
        List<StoredRequest> expired = new java.util.ArrayList<>();
        for (StoredRequest request : due) {
            if (jdbc.sql("UPDATE provision_requests SET status = 'EXPIRED', decided_at = expires_at"
                            + " WHERE id = ? AND status = 'PENDING'").param(request.id()).update() == 1) {
                expired.add(request);
            }
        }
        return expired;
    }

    /** Deletes requests decided (or expired) before the cutoff; the provisions and records have their own. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM provision_requests WHERE status <> 'PENDING' AND requested_at < ?")
                .param(Timestamp.from(cutoff)).update();
    }

    private static final String SELECT = """
            SELECT id, request_id, request_digest, recipient_id, customer_ids, items, status, requested_by,
                requested_at, expires_at, decided_by, decided_at, rejection, provision_id FROM provision_requests""";

    private static StoredRequest request(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new StoredRequest(rs.getString("id"), rs.getString("request_id"), rs.getString("request_digest"),
                rs.getString("recipient_id"), Arrays.asList(rs.getString("customer_ids").split(",")),
                PersonalField.fromNames(rs.getString("items")), ProvisionRequestStatus.valueOf(rs.getString("status")),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("rejection"),
                rs.getString("provision_id"));
    }
}
