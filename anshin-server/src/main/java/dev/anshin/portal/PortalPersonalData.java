package dev.anshin.portal;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cardholder's portal sign-in as personal data: the login id they chose, the account's dates and
 * state, and the activation codes (enrolments) issued to them. Catalogued and disclosed through the
 * privacy module's port; never the password hash, the TOTP secret or an activation code (credentials,
 * not data about the person, and useless to them). Deleted on erasure ({@link PortalAccounts#customerErased}).
 * Words from {@code i18n/catalog-portal}.
 */
@Component
class PortalPersonalData implements HeldElsewhere {

    static final String ACCOUNT = "PORTAL_ACCOUNT";

    /** Signing the cardholder in to their own card's pages; and the person's own requests (which the portal serves). */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final JdbcClient jdbc;
    private final MessageSource messages;

    PortalPersonalData(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    public List<Entry> catalog() {
        String key = "portal.catalog." + ACCOUNT;
        return List.of(Entry.worded(messages, key, ACCOUNT, DataCategory.MANAGEMENT, Sensitivity.MEDIUM,
                DataOrigin.PERSON, null, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Disclosed> disclosed = new ArrayList<>();
        jdbc.sql("SELECT login_id, enabled, created_at, last_sign_in_at, locked_until FROM portal_accounts "
                        + "WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> account(rs))
                .list().forEach(disclosed::add);
        jdbc.sql("SELECT created_at, expires_at, used_at, revoked_at FROM portal_enrollments WHERE customer_id = ? "
                        + "ORDER BY created_at DESC, id")
                .param(customerId)
                .query((rs, n) -> enrolment(rs))
                .list().forEach(disclosed::add);
        return disclosed;
    }

    private Disclosed account(ResultSet rs) throws SQLException {
        String loginId = rs.getString("login_id");
        Instant created = instant(rs.getTimestamp("created_at"));
        Instant lastSignIn = instant(rs.getTimestamp("last_sign_in_at"));
        Instant lockedUntil = instant(rs.getTimestamp("locked_until"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("loginId", loginId);
        values.put("enabled", Boolean.toString(rs.getBoolean("enabled")));
        values.put("createdAt", iso(created));
        values.put("lastSignInAt", iso(lastSignIn));
        values.put("lockedUntil", iso(lockedUntil));
        Object[] args = {loginId, Display.time(created), lastSignIn == null ? "-" : Display.time(lastSignIn),
                lockedUntil == null ? "-" : Display.time(lockedUntil)};
        return new Disclosed(ACCOUNT, messages.getMessage("portal.disclosure.account", args, Locale.JAPANESE),
                messages.getMessage("portal.disclosure.account", args, Locale.ENGLISH), values);
    }

    private Disclosed enrolment(ResultSet rs) throws SQLException {
        Instant created = instant(rs.getTimestamp("created_at"));
        Instant expires = instant(rs.getTimestamp("expires_at"));
        Instant used = instant(rs.getTimestamp("used_at"));
        Instant revoked = instant(rs.getTimestamp("revoked_at"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("enrolmentIssuedAt", iso(created));
        values.put("expiresAt", iso(expires));
        values.put("usedAt", iso(used));
        values.put("revokedAt", iso(revoked));
        Object[] args = {Display.time(created), Display.time(expires), used == null ? "-" : Display.time(used),
                revoked == null ? "-" : Display.time(revoked)};
        return new Disclosed(ACCOUNT, messages.getMessage("portal.disclosure.enrolment", args, Locale.JAPANESE),
                messages.getMessage("portal.disclosure.enrolment", args, Locale.ENGLISH), values);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
