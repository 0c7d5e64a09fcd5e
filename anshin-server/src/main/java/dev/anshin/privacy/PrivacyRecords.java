package dev.anshin.privacy;

import dev.anshin.audit.AuditLog;
import dev.anshin.site.Display;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the privacy module itself keeps about a person besides the vault's fields, as catalog entries: the
 * consent ledger, the provision records (提供記録), the person's own requests, and the audit log (which
 * names customers by id in what was done to their data). Consents and provision records have sections of
 * their own in a {@link Disclosure}; the person's requests are disclosed here. The audit log is catalogued
 * but not disclosed item by item: it is the issuer's security record of who did what (staff, API clients,
 * the person's own sign-ins), kept for {@code anshin.audit.retention} and never rewritten (a sealed chain), and
 * holds customer ids only, never a value. Words from {@code i18n/catalog-privacy}.
 */
@Component
class PrivacyRecords implements HeldElsewhere {

    static final String CONSENTS = "CONSENTS";
    static final String PROVISION_RECORDS = "PROVISION_RECORDS";
    static final String REQUESTS = "DATA_SUBJECT_REQUESTS";
    static final String AUDIT_TRAIL = "AUDIT_TRAIL";

    /** The person's choices are honoured in running the card and answered in their requests. */
    private static final Set<Purpose> CONSENT_PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);
    /** A provision record is written by a provision and shown in the person's disclosure (APPI Art. 29, 33). */
    private static final Set<Purpose> PROVISION_PURPOSES = Set.of(Purpose.THIRD_PARTY_PROVISION,
            Purpose.DATA_SUBJECT_REQUEST);
    private static final Set<Purpose> REQUEST_PURPOSES = Set.of(Purpose.DATA_SUBJECT_REQUEST);
    /** Card security (who did what, PCI DSS 10) and proving how the person's requests were answered. */
    private static final Set<Purpose> AUDIT_PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final ProvisionProperties provisions;
    private final AuditLog audit;

    private final ConsentHistoryRetention consentHistory;
    private final RequestRecordsRetention requestRecords;

    PrivacyRecords(JdbcClient jdbc, MessageSource messages, ProvisionProperties provisions, AuditLog audit,
            ConsentHistoryRetention consentHistory, RequestRecordsRetention requestRecords) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.provisions = provisions;
        this.audit = audit;
        this.consentHistory = consentHistory;
        this.requestRecords = requestRecords;
    }

    /** Retention worded from the settings the purges and the retention rules delete by. */
    @Override
    public List<Entry> catalog() {
        return List.of(
                entry(CONSENTS, DataCategory.MANAGEMENT, Sensitivity.LOW, DataOrigin.PERSON, CONSENT_PURPOSES,
                        new Object[] {consentHistory.period().toDays()}),
                entry(PROVISION_RECORDS, DataCategory.MANAGEMENT, Sensitivity.MEDIUM, DataOrigin.DERIVED,
                        PROVISION_PURPOSES, new Object[] {provisions.recordRetention().toTotalMonths() / 12}),
                entry(REQUESTS, DataCategory.MANAGEMENT, Sensitivity.MEDIUM, DataOrigin.PERSON, REQUEST_PURPOSES,
                        new Object[] {requestRecords.period().toDays()}),
                entry(AUDIT_TRAIL, DataCategory.PRODUCT_USAGE, Sensitivity.MEDIUM, DataOrigin.DERIVED, AUDIT_PURPOSES,
                        new Object[] {audit.retention().toDays()}));
    }

    private Entry entry(String name, DataCategory category, Sensitivity sensitivity, DataOrigin origin,
            Set<Purpose> purposes, Object[] retention) {
        String key = "privacy.catalog." + name;
        return Entry.worded(messages, key, name, category, sensitivity, origin, retention, purposes);
    }

    /** The person's requests (what they asked, when, where it stands); never the sealed values or result. */
    @Override
    public List<Disclosed> disclose(String customerId) {
        return jdbc.sql("SELECT request_id, kind, channel, status, received_at, deadline, closed_at, rejection "
                        + "FROM data_subject_requests WHERE customer_id = ? ORDER BY received_at DESC, id")
                .param(customerId)
                .query((rs, n) -> request(rs))
                .list();
    }

    private Disclosed request(ResultSet rs) throws SQLException {
        Instant received = instant(rs.getTimestamp("received_at"));
        Instant deadline = instant(rs.getTimestamp("deadline"));
        Instant closed = instant(rs.getTimestamp("closed_at"));
        String kind = rs.getString("kind");
        String status = rs.getString("status");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("request", rs.getString("request_id"));
        values.put("kind", kind);
        values.put("channel", rs.getString("channel"));
        values.put("status", status);
        values.put("receivedAt", iso(received));
        values.put("deadline", iso(deadline));
        values.put("closedAt", iso(closed));
        values.put("rejection", rs.getString("rejection") == null ? "" : rs.getString("rejection"));
        Object[] args = {kind, Display.time(received), status, Display.time(deadline),
                closed == null ? "-" : Display.time(closed)};
        return new Disclosed(REQUESTS, messages.getMessage("privacy.disclosure.request", args, Locale.JAPANESE),
                messages.getMessage("privacy.disclosure.request", args, Locale.ENGLISH), values);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
