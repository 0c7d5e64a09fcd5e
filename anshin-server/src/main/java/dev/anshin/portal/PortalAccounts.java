package dev.anshin.portal;

import dev.anshin.access.Lockout;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.audit.RefusalAudit;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.RequestProblem;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cardholders' portal accounts: enrollment (a one-time activation code for a customer), activation
 * (login id, password, authenticator app), and the two sign-in steps, with lockout after repeated
 * failures. Every failure, lockout and sign-in is audited under the customer id, never the login id
 * typed or any personal value; an unknown login id is audited as such, without the id.
 */
@Service
public class PortalAccounts {

    /**
     * An enrollment as issued; {@code created} is false for a retry with the same request id, whose
     * {@code status} then says whether the code can still be used (PENDING) or was USED, REVOKED by a
     * newer enrollment, or EXPIRED.
     */
    public record Enrollment(String enrollmentId, String customerId, String activationCode, Instant expiresAt,
            String status, boolean created) {

        @Override
        public String toString() {
            return "Enrollment[" + enrollmentId + ", customer " + customerId + ", code <redacted>]";
        }
    }

    /** An activation waiting for its first authenticator code: kept only in the cardholder's session. */
    record PendingActivation(String enrollmentId, String customerId, String loginId, String passwordHash,
            byte[] secret) implements Serializable {

        @Override
        public String toString() {
            return "PendingActivation[" + enrollmentId + "]";
        }
    }

    /** The outcome of the code step: signed in, try again, or start over (locked or gone). */
    record CodeCheck(Cardholder cardholder, boolean mayRetry) {
    }

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** 6 to 64 of a–z, 0–9, '.', '_', '-', starting with a letter or digit. */
    private static final Pattern LOGIN_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{5,63}");
    static final int MIN_LOGIN_ID_LENGTH = 6;
    static final int MAX_LOGIN_ID_LENGTH = 64;
    /**
     * {@link #LOGIN_ID} for the form's input ({@code pattern}, matched whole): either case, as a typed id is
     * lower-cased before the check. The hyphen escaped for the browsers' {@code v}-flag patterns.
     */
    static final String LOGIN_ID_INPUT_PATTERN = "[A-Za-z0-9][A-Za-z0-9._\\-]{5,63}";
    /** A long run of digits could be a card number: never accepted as a login id. */
    private static final Pattern DIGITS_ONLY = Pattern.compile("[0-9]{12,}");
    private static final String UNKNOWN = "portal:unknown-login";
    private static final String ACTIVATION = "portal:activation";

    private final JdbcClient jdbc;
    private final PortalKeys keys;
    private final PersonalData personalData;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    /**
     * Where refusals anyone can cause at will go (unknown login ids, wrong activation codes, refused
     * sign-ins of known accounts): a flood is counted.
     */
    private final RefusalAudit refusals;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PortalProperties properties;
    private final Lockout lockout;
    private final Totp totp = new Totp();
    /** Checked against when a login id is unknown, so the answer takes as long as for a known one. */
    private final String timingHash;

    PortalAccounts(JdbcClient jdbc, PortalKeys keys, PersonalData personalData, PasswordEncoder passwords,
            AuditLog audit, RefusalAudit refusals, TransactionTemplate transactions, Clock clock,
            PortalProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.personalData = personalData;
        this.passwords = passwords;
        this.audit = audit;
        this.refusals = refusals;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.lockout = new Lockout(properties.maxFailedAttempts(), properties.lockoutDuration());
        this.timingHash = passwords.encode(UUID.randomUUID().toString());
    }

    // ---- enrollment ----------------------------------------------------------------------------

    /**
     * Issues a one-time activation code for a customer. Idempotent on {@code requestId}: a retry
     * answers the same enrollment and code. A new request replaces the customer's pending codes; an
     * existing account keeps working until the new code is activated, which replaces it (a reset).
     */
    public Enrollment enroll(String customerId, String requestId, String enrolledBy) {
        if (!personalData.isActive(customerId)) {
            throw RequestProblem.notFound("No such customer.");
        }
        try {
            return transactions.execute(tx -> byRequestId(requestId, customerId).orElseGet(() -> {
                // One enrollment at a time per customer (the earlier codes are revoked), and none
                // slipping past an erasure running now.
                personalData.holdActive(customerId);
                Instant now = clock.instant();
                jdbc.sql("""
                                UPDATE portal_enrollments SET revoked_at = ?
                                WHERE customer_id = ? AND used_at IS NULL AND revoked_at IS NULL""")
                        .params(Timestamp.from(now), customerId).update();
                String id = UUID.randomUUID().toString();
                String code = keys.activationCode(id);
                Instant expires = now.plus(properties.activationCodeValidity());
                jdbc.sql("""
                                INSERT INTO portal_enrollments (id, customer_id, request_id, code_hash, created_by,
                                    created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, customerId, requestId, codeHash(code), AuditEvent.fit(enrolledBy, 128),
                                Timestamp.from(now), Timestamp.from(expires))
                        .update();
                return new Enrollment(id, customerId, code, expires, "PENDING", true);
            }));
        } catch (DuplicateKeyException retriedMeanwhile) {
            return byRequestId(requestId, customerId).orElseThrow();
        }
    }

    /**
     * Revokes the enrollment made on {@code requestId} while its code is unused (the card it was made for
     * will not be issued: the application was declined), audited; its code then activates nothing. True when
     * it was revoked now; false when there is none, or it was used, revoked or expired already. Idempotent.
     */
    public boolean revokeEnrollment(String requestId, String revokedBy) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int revoked = jdbc.sql("""
                            UPDATE portal_enrollments SET revoked_at = ?
                            WHERE request_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
                    .params(Timestamp.from(now), requestId, Timestamp.from(now)).update();
            if (revoked == 0) {
                return false;
            }
            audit.record(new AuditEvent(AuditEvent.fit(revokedBy, AuditEvent.MAX_ACTOR), "portal.enrollment.revoke",
                    "portal-enrollment/" + AuditEvent.fit(requestId, 200), null, AuditOutcome.SUCCESS, null,
                    "the enrollment's code revoked unused"));
            return true;
        }));
    }

    private Optional<Enrollment> byRequestId(String requestId, String customerId) {
        return jdbc.sql("""
                        SELECT id, customer_id, expires_at, used_at, revoked_at FROM portal_enrollments
                        WHERE request_id = ?""")
                .param(requestId)
                .query((rs, n) -> {
                    if (!rs.getString("customer_id").equals(customerId)) {
                        throw RequestProblem.conflict("This request id was used to enroll another customer.");
                    }
                    String id = rs.getString("id");
                    Instant expires = rs.getTimestamp("expires_at").toInstant();
                    String status = rs.getTimestamp("used_at") != null ? "USED"
                            : rs.getTimestamp("revoked_at") != null ? "REVOKED"
                            : clock.instant().isBefore(expires) ? "PENDING" : "EXPIRED";
                    return new Enrollment(id, customerId, keys.activationCode(id), expires, status, false);
                })
                .optional();
    }

    // ---- activation ----------------------------------------------------------------------------

    /** Checks the activation code and the chosen login id and password; the account is made by {@link #completeActivation}. */
    PendingActivation startActivation(String code, String loginId, String password, String passwordAgain,
            String origin) {
        Instant now = clock.instant();
        var enrollment = jdbc.sql("""
                        SELECT id, customer_id FROM portal_enrollments
                        WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
                .params(codeHash(code), Timestamp.from(now))
                .query((rs, n) -> new String[] {rs.getString("id"), rs.getString("customer_id")})
                .optional();
        if (enrollment.isEmpty() || !personalData.isActive(enrollment.get()[1])) {
            refusals.refused(new AuditEvent(ACTIVATION, "portal.activate", "portal", null, AuditOutcome.FAILURE,
                    AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN), "unknown, used or expired activation code"));
            throw new PortalProblem(PortalProblem.Reason.ACTIVATION_CODE);
        }
        String customerId = enrollment.get()[1];
        String login = loginId(loginId).orElseThrow(() -> new PortalProblem(PortalProblem.Reason.LOGIN_ID_FORMAT));
        if (loginIdTaken(login, customerId)) {
            throw new PortalProblem(PortalProblem.Reason.LOGIN_ID_TAKEN);
        }
        checkPassword(password, login);
        if (!password.equals(passwordAgain)) {
            throw new PortalProblem(PortalProblem.Reason.PASSWORD_MISMATCH);
        }
        return new PendingActivation(enrollment.get()[0], customerId, login, passwords.encode(password),
                Totp.newSecret());
    }

    /** The otpauth:// URI an authenticator app scans for this activation. */
    String otpauthUri(PendingActivation pending) {
        return Totp.otpauthUri(properties.totpIssuer(), pending.loginId(), pending.secret());
    }

    /** Confirms the authenticator with its first code, uses up the activation code and makes the account. */
    Cardholder completeActivation(PendingActivation pending, String code, String origin) {
        OptionalLong step = totp.match(pending.secret(), code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw new PortalProblem(PortalProblem.Reason.TOTP_CODE);
        }
        try {
            return transactions.execute(tx -> {
                personalData.holdActive(pending.customerId()); // an erasure waits, then removes the account
                Instant now = clock.instant();
                int used = jdbc.sql("""
                                UPDATE portal_enrollments SET used_at = ?
                                WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
                        .params(Timestamp.from(now), pending.enrollmentId(), Timestamp.from(now)).update();
                if (used != 1) {
                    throw new PortalProblem(PortalProblem.Reason.ACTIVATION_CODE);
                }
                if (loginIdTaken(pending.loginId(), pending.customerId())) {
                    throw new PortalProblem(PortalProblem.Reason.LOGIN_ID_TAKEN);
                }
                return createAccount(pending.customerId(), pending.loginId(), pending.passwordHash(), pending.secret(),
                        step.getAsLong(), "portal.activate", origin);
            });
        } catch (DuplicateKeyException takenMeanwhile) {
            throw new PortalProblem(PortalProblem.Reason.LOGIN_ID_TAKEN);
        }
    }

    /**
     * Whether a signed-in session's account still stands: not replaced by a new enrollment, not
     * removed by an erasure, not disabled. Checked on every portal request.
     */
    public boolean stillValid(Cardholder cardholder) {
        return jdbc.sql("SELECT COUNT(*) FROM portal_accounts WHERE id = ? AND customer_id = ? AND enabled = TRUE")
                .params(cardholder.accountId(), cardholder.customerId()).query(Long.class).single() == 1;
    }

    /**
     * Enrolls a customer directly, without an activation code, for the demo and for tests: returns the
     * TOTP secret (base32) to put into an authenticator, or to compute codes with. Replaces an existing
     * account of the customer.
     */
    public String enrollForDemo(String customerId, String loginId, String password) {
        if (!personalData.isActive(customerId)) {
            throw new IllegalArgumentException("no such active customer");
        }
        String login = loginId(loginId).orElseThrow(() -> new IllegalArgumentException("login id not allowed"));
        if (loginIdTaken(login, customerId)) {
            throw new IllegalArgumentException("login id taken");
        }
        checkPassword(password, login);
        byte[] secret = Totp.newSecret();
        transactions.executeWithoutResult(tx -> createAccount(customerId, login, passwords.encode(password), secret,
                0L, "portal.enroll-demo", "demo"));
        return Totp.base32(secret);
    }

    private Cardholder createAccount(String customerId, String login, String passwordHash, byte[] secret,
            long lastStep, String action, String origin) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM portal_accounts WHERE customer_id = ?").param(customerId).update();
        String accountId = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO portal_accounts (id, customer_id, login_id, password_hash, totp_secret, totp_last_step,
                            failed_attempts, locked_until, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, TRUE, ?)""")
                .params(accountId, customerId, login, passwordHash, keys.encryptSecret(accountId, secret), lastStep,
                        Timestamp.from(now))
                .update();
        Cardholder cardholder = new Cardholder(accountId, customerId);
        record(cardholder.getName(), action, "portal-account/" + accountId, AuditOutcome.SUCCESS, origin, null);
        return cardholder;
    }

    /**
     * An erased customer keeps no portal account: the login id they chose could identify them. Runs
     * in the erasure's transaction, so both commit together.
     */
    @EventListener
    void customerErased(CustomerErased erased) {
        int accounts = jdbc.sql("DELETE FROM portal_accounts WHERE customer_id = ?").param(erased.customerId()).update();
        jdbc.sql("DELETE FROM portal_enrollments WHERE customer_id = ?").param(erased.customerId()).update();
        if (accounts > 0) {
            record("cardholder:" + erased.customerId(), "portal.account-deleted", "customer/" + erased.customerId(),
                    AuditOutcome.SUCCESS, null, "customer erased");
        }
    }

    // ---- sign-in -------------------------------------------------------------------------------

    /** The first step: the account whose password this is, unless unknown, wrong, locked or erased. */
    Optional<String> checkPassword(String loginId, String password, String origin) {
        String typed = password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES
                ? "" : password;
        Optional<StoredAccount> found = loginId(loginId).flatMap(login -> jdbc.sql(SELECT + " WHERE login_id = ?")
                .param(login).query(PortalAccounts::account).optional());
        if (found.isEmpty()) {
            passwords.matches(typed, timingHash);
            refusals.refused(new AuditEvent(UNKNOWN, "portal.sign-in", "portal", null, AuditOutcome.FAILURE,
                    AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN), "unknown login id"));
            return Optional.empty();
        }
        boolean matches = passwords.matches(typed, found.get().passwordHash());
        return transactions.execute(tx -> {
            StoredAccount account = forUpdate(found.get().id());
            if (account == null || !usable(account, origin)) {
                return Optional.<String>empty();
            }
            if (!matches) {
                fail(account, origin, "wrong password");
                return Optional.<String>empty();
            }
            return Optional.of(account.id());
        });
    }

    /** The second step, after an accepted password: the authenticator's code. */
    CodeCheck checkCode(String accountId, String code, String origin) {
        return transactions.execute(tx -> {
            StoredAccount account = forUpdate(accountId);
            if (account == null || !usable(account, origin)) {
                return new CodeCheck(null, false);
            }
            Instant now = clock.instant();
            byte[] secret = keys.decryptSecret(account.id(), account.totpSecret());
            OptionalLong step = totp.match(secret, code, now, account.totpLastStep());
            if (step.isEmpty()) {
                boolean replayed = totp.match(secret, code, now, Long.MIN_VALUE).isPresent();
                Lockout.State after = fail(account, origin, replayed ? "code used before" : "wrong code");
                return new CodeCheck(null, !lockout.locked(after, now));
            }
            jdbc.sql("""
                            UPDATE portal_accounts SET totp_last_step = ?, failed_attempts = 0, locked_until = NULL,
                                last_sign_in_at = ? WHERE id = ?""")
                    .params(step.getAsLong(), Timestamp.from(now), account.id()).update();
            Cardholder cardholder = new Cardholder(account.id(), account.customerId());
            record(cardholder.getName(), "portal.sign-in", "portal-account/" + account.id(), AuditOutcome.SUCCESS,
                    origin, null);
            return new CodeCheck(cardholder, false);
        });
    }

    /**
     * Whether the account may try to sign in now; a refusal is audited, and not counted as a failure.
     * Anyone who knows a login id can cause these at will, so they go through {@link RefusalAudit}
     * with a detail that does not vary (until when the account is locked is in its lockout entry).
     */
    private boolean usable(StoredAccount account, String origin) {
        String actor = "cardholder:" + account.customerId();
        String resource = "portal-account/" + account.id();
        if (!account.enabled() || !personalData.isActive(account.customerId())) {
            refused(actor, resource, AuditOutcome.DENIED, origin, "account disabled or customer erased");
            return false;
        }
        if (lockout.locked(account.state(), clock.instant())) {
            refused(actor, resource, AuditOutcome.DENIED, origin, "locked");
            return false;
        }
        return true;
    }

    private Lockout.State fail(StoredAccount account, String origin, String why) {
        Instant now = clock.instant();
        Lockout.State after = lockout.afterFailure(account.state(), now);
        jdbc.sql("UPDATE portal_accounts SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .params(after.failures(), after.lockedUntil() == null ? null : Timestamp.from(after.lockedUntil()),
                        account.id())
                .update();
        String actor = "cardholder:" + account.customerId();
        String resource = "portal-account/" + account.id();
        refused(actor, resource, AuditOutcome.FAILURE, origin, why);
        if (lockout.justLocked(account.state(), after, now)) {
            // Written at once, each time: at most one per account per lockout period, whatever the flood.
            record(actor, "portal.lockout", resource, AuditOutcome.DENIED, origin, properties.maxFailedAttempts()
                    + " failures in a row; locked until " + after.lockedUntil());
        }
        return after;
    }

    /** A refused sign-in of a known account: the first of its kind in a window written, its repeats counted. */
    private void refused(String actor, String resource, AuditOutcome outcome, String origin, String why) {
        refusals.refused(new AuditEvent(actor, "portal.sign-in", resource, null, outcome,
                AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN), why));
    }

    // ---- storage -------------------------------------------------------------------------------

    private record StoredAccount(String id, String customerId, String passwordHash, String totpSecret,
            long totpLastStep, int failures, Instant lockedUntil, boolean enabled) {

        Lockout.State state() {
            return new Lockout.State(failures, lockedUntil);
        }
    }

    private static final String SELECT = """
            SELECT id, customer_id, password_hash, totp_secret, totp_last_step, failed_attempts, locked_until, enabled
            FROM portal_accounts""";

    private StoredAccount forUpdate(String accountId) {
        return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(accountId).query(PortalAccounts::account)
                .optional().orElse(null);
    }

    private static StoredAccount account(ResultSet rs, int n) throws SQLException {
        Timestamp lockedUntil = rs.getTimestamp("locked_until");
        return new StoredAccount(rs.getString("id"), rs.getString("customer_id"), rs.getString("password_hash"),
                rs.getString("totp_secret"), rs.getLong("totp_last_step"), rs.getInt("failed_attempts"),
                lockedUntil == null ? null : lockedUntil.toInstant(), rs.getBoolean("enabled"));
    }

    private boolean loginIdTaken(String login, String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM portal_accounts WHERE login_id = ? AND customer_id <> ?")
                .params(login, customerId).query(Long.class).single() > 0;
    }

    /** The login id as stored (trimmed, lower case), if it is an acceptable one. */
    static Optional<String> loginId(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String login = typed.trim().toLowerCase(Locale.ROOT);
        return LOGIN_ID.matcher(login).matches() && !DIGITS_ONLY.matcher(login).find()
                ? Optional.of(login) : Optional.empty();
    }

    /** At least 12 characters (PCI DSS 8.3.6), at most 72 bytes (bcrypt's limit), not containing the login id, not one character repeated. */
    static void checkPassword(String password, String login) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES
                || password.toLowerCase(Locale.ROOT).contains(login)
                || password.chars().distinct().count() < 4) {
            throw new PortalProblem(PortalProblem.Reason.PASSWORD_POLICY);
        }
    }

    static String codeHash(String code) {
        String normalized = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String actor, String action, String resource, AuditOutcome outcome, String origin,
            String detail) {
        audit.record(new AuditEvent(actor, action, resource, null, outcome, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN),
                detail));
    }
}
