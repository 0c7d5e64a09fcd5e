package dev.anshin.privacy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Confirmation records and the sealed data received from partners, as rows. */
@Repository
class PartnerReceiptStore {

    /** The data of one receipt as stored: sealed with the customer's key. */
    record StoredReceipt(String recordId, String customerId, String sealedItems, Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    PartnerReceiptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a confirmation record and the sealed data it is about; call inside a transaction. */
    void insert(ConfirmationRecord record, String digest, String sealedItems) {
        jdbc.sql("""
                        INSERT INTO confirmation_records (id, provider_id, receipt_id, provider_name_ja, provider_name_en,
                            provider_address, provider_representative, how_obtained, ppc_filing_number, obtained_on,
                            received_at, customer_id, items, item_count, purpose, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(record.id(), record.providerId(), record.receiptId(), record.providerNameJa(),
                        record.providerNameEn(), record.providerAddress(), record.providerRepresentative(),
                        record.howObtained().name(), record.ppcFilingNumber(), Date.valueOf(record.obtainedOn()),
                        Timestamp.from(record.receivedAt()), record.customerId(), PartnerProviders.names(record.items()),
                        record.itemCount(), record.purpose().name(), record.recordedBy(),
                        Timestamp.from(record.recordedAt()))
                .update();
        jdbc.sql("""
                        INSERT INTO partner_receipts (record_id, customer_id, request_digest, sealed_items, received_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(record.id(), record.customerId(), digest, sealedItems, Timestamp.from(record.recordedAt()))
                .update();
    }

    Optional<ConfirmationRecord> byReceipt(String providerId, String receiptId) {
        return jdbc.sql(SELECT + " WHERE c.provider_id = ? AND c.receipt_id = ?").params(providerId, receiptId)
                .query(PartnerReceiptStore::record).optional();
    }

    Optional<String> digestOf(String recordId) {
        return jdbc.sql("SELECT request_digest FROM partner_receipts WHERE record_id = ?").param(recordId)
                .query(String.class).optional();
    }

    List<ConfirmationRecord> recordsOf(String customerId) {
        return jdbc.sql(SELECT + " WHERE c.customer_id = ? ORDER BY c.recorded_at, c.id").param(customerId)
                .query(PartnerReceiptStore::record).list();
    }

    List<ConfirmationRecord> recent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY c.recorded_at DESC, c.id LIMIT ?").param(limit)
                .query(PartnerReceiptStore::record).list();
    }

    List<StoredReceipt> receiptsOf(String customerId) {
        return jdbc.sql("""
                        SELECT record_id, customer_id, sealed_items, received_at FROM partner_receipts
                        WHERE customer_id = ? ORDER BY received_at, record_id""")
                .param(customerId)
                .query((rs, n) -> new StoredReceipt(rs.getString("record_id"), rs.getString("customer_id"),
                        rs.getString("sealed_items"), rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** Deletes the data received about the customer (the confirmation records stay); call inside a transaction. */
    int eraseReceipts(String customerId) {
        return jdbc.sql("DELETE FROM partner_receipts WHERE customer_id = ?").param(customerId).update();
    }

    /** Deletes at most {@code limit} receipts received before the cutoff, oldest first. */
    int sweepReceipts(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM partner_receipts WHERE record_id IN (
                          SELECT record_id FROM partner_receipts WHERE received_at < ? ORDER BY received_at LIMIT ?)""")
                .params(Timestamp.from(cutoff), limit).update();
    }

    /**
     * Deletes at most {@code limit} confirmation records made before the cutoff whose data is no longer
     * held (a record stays as long as the data it is about), oldest first.
     */
    int sweepRecords(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM confirmation_records WHERE id IN (
                          SELECT c.id FROM confirmation_records c WHERE c.recorded_at < ?
                            AND NOT EXISTS (SELECT 1 FROM partner_receipts r WHERE r.record_id = c.id)
                          ORDER BY c.recorded_at LIMIT ?)""")
                .params(Timestamp.from(cutoff), limit).update();
    }

    private static final String SELECT = """
            SELECT c.id, c.provider_id, c.receipt_id, c.provider_name_ja, c.provider_name_en, c.provider_address,
                c.provider_representative, c.how_obtained, c.ppc_filing_number, c.obtained_on, c.received_at,
                c.customer_id, c.items, c.item_count, c.purpose, c.recorded_by, c.recorded_at,
                CASE WHEN r.record_id IS NULL THEN 0 ELSE 1 END AS data_held
            FROM confirmation_records c LEFT JOIN partner_receipts r ON r.record_id = c.id""";

    private static ConfirmationRecord record(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ConfirmationRecord(rs.getString("id"), rs.getString("provider_id"), rs.getString("receipt_id"),
                rs.getString("provider_name_ja"), rs.getString("provider_name_en"), rs.getString("provider_address"),
                rs.getString("provider_representative"), HowObtained.valueOf(rs.getString("how_obtained")),
                rs.getString("ppc_filing_number"), rs.getDate("obtained_on").toLocalDate(),
                rs.getTimestamp("received_at").toInstant(), rs.getString("customer_id"),
                PartnerProviders.kinds(rs.getString("items")), rs.getInt("item_count"),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getInt("data_held") == 1);
    }
}
