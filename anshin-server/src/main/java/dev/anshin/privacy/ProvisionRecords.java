package dev.anshin.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Provisions, their encrypted exports and the provision records, as rows. */
@Repository
class ProvisionRecords {

    /** One provision as stored: what was asked, what was decided, and the export while it lasts. */
    record StoredProvision(String id, String requestId, String requestDigest, String recipientId,
            Set<PersonalField> items, String skipped, String providedBy, Instant providedAt, String exportCiphertext,
            Instant exportExpiresAt) {
    }

    private final JdbcClient jdbc;

    ProvisionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a provision and one record per data subject provided; call inside a transaction. */
    void insert(StoredProvision provision, Map<String, Long> consentBasis) {
        jdbc.sql("""
                        INSERT INTO provisions (id, request_id, request_digest, recipient_id, items, skipped, provided_by,
                            provided_at, export_ciphertext, export_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(provision.id(), provision.requestId(), provision.requestDigest(), provision.recipientId(),
                        PersonalField.names(provision.items()), provision.skipped(), provision.providedBy(),
                        Timestamp.from(provision.providedAt()), provision.exportCiphertext(),
                        Timestamp.from(provision.exportExpiresAt()))
                .update();
        consentBasis.forEach((customerId, seq) -> jdbc.sql("""
                        INSERT INTO provision_records (provision_id, customer_id, recipient_id, items, consent_seq,
                            provided_at) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(provision.id(), customerId, provision.recipientId(), PersonalField.names(provision.items()), seq,
                        Timestamp.from(provision.providedAt()))
                .update());
    }

    Optional<StoredProvision> byRequestId(String requestId) {
        return jdbc.sql(SELECT_PROVISION + " WHERE request_id = ?").param(requestId)
                .query(ProvisionRecords::provision).optional();
    }

    Optional<StoredProvision> byId(String id) {
        return jdbc.sql(SELECT_PROVISION + " WHERE id = ?").param(id).query(ProvisionRecords::provision).optional();
    }

    List<ProvisionRecord> ofProvision(String provisionId) {
        return jdbc.sql(SELECT_RECORD + " WHERE r.provision_id = ? ORDER BY r.customer_id").param(provisionId)
                .query(ProvisionRecords::record).list();
    }

    List<ProvisionRecord> ofCustomer(String customerId) {
        return jdbc.sql(SELECT_RECORD + " WHERE r.customer_id = ? ORDER BY r.provided_at, r.provision_id")
                .param(customerId).query(ProvisionRecords::record).list();
    }

    List<ProvisionRecord> recent(int limit) {
        return jdbc.sql(SELECT_RECORD + " ORDER BY r.provided_at DESC, r.provision_id, r.customer_id LIMIT ?")
                .param(limit).query(ProvisionRecords::record).list();
    }

    /**
     * Deletes the exports still held that include the customer (to one recipient, or to any when
     * {@code recipient} is null); the records stay.
     */
    int dropExportsIncluding(String customerId, String recipient) {
        return jdbc.sql("UPDATE provisions SET export_ciphertext = NULL WHERE export_ciphertext IS NOT NULL"
                        + " AND (CAST(? AS VARCHAR(64)) IS NULL OR recipient_id = ?)"
                        + " AND id IN (SELECT provision_id FROM provision_records WHERE customer_id = ?)")
                .params(recipient, recipient, customerId).update();
    }

    /** Deletes exports past their expiry (the record of the provision stays). */
    int expireExports(Instant now) {
        return jdbc.sql("UPDATE provisions SET export_ciphertext = NULL WHERE export_ciphertext IS NOT NULL"
                        + " AND export_expires_at <= ?")
                .param(Timestamp.from(now)).update();
    }

    /** Deletes the records made before the cutoff, then the provisions left without records; call inside a transaction. */
    int purgeBefore(Instant cutoff) {
        int records = jdbc.sql("DELETE FROM provision_records WHERE provided_at < ?").param(Timestamp.from(cutoff))
                .update();
        jdbc.sql("""
                        DELETE FROM provisions WHERE provided_at < ?
                          AND NOT EXISTS (SELECT 1 FROM provision_records r WHERE r.provision_id = provisions.id)""")
                .param(Timestamp.from(cutoff)).update();
        return records;
    }

    private static final String SELECT_PROVISION = """
            SELECT id, request_id, request_digest, recipient_id, items, skipped, provided_by, provided_at,
                export_ciphertext, export_expires_at FROM provisions""";

    private static final String SELECT_RECORD = """
            SELECT r.provision_id, r.recipient_id, p.name_ja, p.name_en, r.customer_id, r.items, r.consent_seq,
                r.provided_at FROM provision_records r JOIN provision_recipients p ON p.id = r.recipient_id""";

    private static StoredProvision provision(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredProvision(rs.getString("id"), rs.getString("request_id"), rs.getString("request_digest"),
                rs.getString("recipient_id"), PersonalField.fromNames(rs.getString("items")), rs.getString("skipped"),
                rs.getString("provided_by"), rs.getTimestamp("provided_at").toInstant(),
                rs.getString("export_ciphertext"), rs.getTimestamp("export_expires_at").toInstant());
    }

    private static ProvisionRecord record(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ProvisionRecord(rs.getString("provision_id"), rs.getString("recipient_id"), rs.getString("name_ja"),
                rs.getString("name_en"), rs.getString("customer_id"), PersonalField.fromNames(rs.getString("items")),
                rs.getLong("consent_seq"), rs.getTimestamp("provided_at").toInstant());
    }
}
