package dev.anshin.ekyc;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The verifications and the webhook events received, in {@code ekyc_verifications} and {@code ekyc_events} (V27). */
@Component
class VerificationStore {

    /** A webhook event as remembered: enough to tell a redelivery from a different body under the same id. */
    record ReceivedEvent(String eventId, String verificationId, String bodySha256, Instant receivedAt) {
    }

    private static final String COLUMNS = "id, subject_reference, provider, status, outcome, reasons, method, "
            + "face_match_score, liveness_score, document_type, document_expired, spoof_risk, ocr_confidence, "
            + "completed_at, return_url, language, started_at, result_received_at, concluded_at, version";

    private final JdbcClient jdbc;

    VerificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EkycVerification v) {
        jdbc.sql("INSERT INTO ekyc_verifications (id, subject_reference, provider, status, return_url, language, "
                        + "started_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
                .params(v.id(), v.subjectReference(), v.provider(), v.status().name(), v.returnUrl().toString(),
                        v.language(), Timestamp.from(v.startedAt()))
                .update();
    }

    Optional<EkycVerification> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ekyc_verifications WHERE id = ?").param(id)
                .query(ROW).optional();
    }

    /** The verification, locked until the transaction ends: one result or decision at a time. */
    Optional<EkycVerification> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ekyc_verifications WHERE id = ? FOR UPDATE").param(id)
                .query(ROW).optional();
    }

    List<EkycVerification> ofSubject(String subjectReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ekyc_verifications WHERE subject_reference = ? "
                + "ORDER BY started_at, id").param(subjectReference).query(ROW).list();
    }

    /** Ids of verifications still STARTED since before {@code before}, oldest first. */
    List<String> startedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM ekyc_verifications WHERE status = 'STARTED' AND started_at < ? AND erased_at IS NULL "
                        + "ORDER BY started_at FETCH FIRST " + limit + " ROWS ONLY")
                .param(Timestamp.from(before)).query(String.class).list();
    }

    /** Stores the result with the status it moved to; false when the row changed since it was read. */
    boolean recordResult(EkycVerification v, EkycStatus status, EkycResult r, Instant receivedAt) {
        return jdbc.sql("UPDATE ekyc_verifications SET status = ?, method = ?, face_match_score = ?, liveness_score = ?, "
                        + "document_type = ?, document_expired = ?, spoof_risk = ?, ocr_confidence = ?, completed_at = ?, "
                        + "result_received_at = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(status.name(), r.method().name(), r.faceMatchScore(), r.livenessScore(),
                        r.document().documentType().name(), r.document().documentExpired(), r.document().spoofRisk(),
                        r.document().ocrConfidence(), Timestamp.from(r.completedAt()), Timestamp.from(receivedAt),
                        v.id(), v.version())
                .update() == 1;
    }

    /** Stores the conclusion; false when the row changed since it was read. */
    boolean conclude(String id, int version, EkycStatus status, EkycOutcome outcome, List<EkycReason> reasons,
            Instant at) {
        return jdbc.sql("UPDATE ekyc_verifications SET status = ?, outcome = ?, reasons = ?, concluded_at = ?, "
                        + "version = version + 1 WHERE id = ? AND version = ?")
                .params(status.name(), outcome.name(),
                        reasons.stream().map(Enum::name).collect(Collectors.joining(",")), Timestamp.from(at), id,
                        version)
                .update() == 1;
    }

    /** Whether the verification's applicant was erased ({@link #erase}). */
    boolean erased(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM ekyc_verifications WHERE id = ? AND erased_at IS NOT NULL").param(id)
                .query(Long.class).single() > 0;
    }

    /**
     * The applicant of these subjects was erased: their verifications keep the reference to the vendor's record
     * (id, provider, status, outcome, times) and lose the result, the reasons, the return address and the language.
     */
    int erase(java.util.Collection<String> subjectReferences, Instant at) {
        if (subjectReferences.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE ekyc_verifications SET reasons = NULL, method = NULL, face_match_score = NULL,
                            liveness_score = NULL, document_type = NULL, document_expired = NULL, spoof_risk = NULL,
                            ocr_confidence = NULL, return_url = '', language = '', erased_at = :at,
                            version = version + 1
                        WHERE subject_reference IN (:subjects) AND erased_at IS NULL""")
                .param("at", Timestamp.from(at)).param("subjects", subjectReferences).update();
    }

    /** Marks the subject's verifications as those of a customer ({@code customer_since}, V56); the first mark stays. */
    int markCustomer(String subjectReference, Instant at) {
        return jdbc.sql("UPDATE ekyc_verifications SET customer_since = ? WHERE subject_reference = ? "
                        + "AND customer_since IS NULL")
                .params(Timestamp.from(at), subjectReference).update();
    }

    /**
     * Deletes at most {@code limit} verifications whose period ended before {@code cutoff}, with their events,
     * oldest first: a customer's (card issued) from the end of the relationship, its erasure ({@code erased_at}),
     * and never while the customer is held; any other (declined, abandoned, never finished) from its start.
     */
    int sweep(Instant cutoff, int limit) {
        List<String> due = jdbc.sql("SELECT id FROM ekyc_verifications "
                        + "WHERE (customer_since IS NULL AND started_at < :cutoff) "
                        + "OR (customer_since IS NOT NULL AND erased_at < :cutoff) ORDER BY started_at, id")
                .param("cutoff", Timestamp.from(cutoff)).withMaxRows(limit).query(String.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM ekyc_events WHERE verification_id IN (:ids)").param("ids", due).update();
        return jdbc.sql("DELETE FROM ekyc_verifications WHERE id IN (:ids)").param("ids", due).update();
    }

    Optional<ReceivedEvent> event(String eventId) {
        return jdbc.sql("SELECT event_id, verification_id, body_sha256, received_at FROM ekyc_events WHERE event_id = ?")
                .param(eventId)
                .query((rs, n) -> new ReceivedEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    void insertEvent(ReceivedEvent event) {
        jdbc.sql("INSERT INTO ekyc_events (event_id, verification_id, body_sha256, received_at) VALUES (?, ?, ?, ?)")
                .params(event.eventId(), event.verificationId(), event.bodySha256(),
                        Timestamp.from(event.receivedAt()))
                .update();
    }

    private static final RowMapper<EkycVerification> ROW = (rs, n) -> {
        String method = rs.getString("method");
        EkycResult result = method == null ? null : new EkycResult(EkycMethod.valueOf(method),
                nullableDouble(rs, "face_match_score"), nullableDouble(rs, "liveness_score"),
                new EkycResult.DocumentChecks(DocumentType.valueOf(rs.getString("document_type")),
                        rs.getBoolean("document_expired"), rs.getDouble("spoof_risk"),
                        nullableDouble(rs, "ocr_confidence")),
                rs.getTimestamp("completed_at").toInstant());
        String outcome = rs.getString("outcome");
        String reasons = rs.getString("reasons");
        return new EkycVerification(rs.getString("id"), rs.getString("subject_reference"), rs.getString("provider"),
                EkycStatus.valueOf(rs.getString("status")), outcome == null ? null : EkycOutcome.valueOf(outcome),
                reasons == null || reasons.isEmpty() ? List.of()
                        : Arrays.stream(reasons.split(",")).map(EkycReason::valueOf).toList(),
                result, URI.create(rs.getString("return_url")), rs.getString("language"),
                instant(rs, "started_at"), instant(rs, "result_received_at"), instant(rs, "concluded_at"),
                rs.getInt("version"));
    };

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
