package dev.anshin.access;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Machine clients and their API keys. A key is {@code ank_} + 32 random characters; its first 12
 * characters are its public id, and only the SHA-256 of the whole key is stored.
 *
 * <p>A client is known by its name; its keys live through {@link ApiKeyStatus}: issued with an
 * expiry, rotated (a new key, the old one valid until the overlap ends), revoked. Keys the server
 * registers for itself at start (the startup key, the demo's) have no expiry: they are replaced at
 * the next start.
 *
 * <p>Every instance holds the current keys in memory, so authenticating never touches the
 * database (scoring goes on while it is away), and polls a revision counter in the database every
 * {@code anshin.access.key-refresh-interval}: every change bumps it in its own transaction, so a key
 * revoked on any instance is refused on every instance within that interval (on this one at once).
 */
@Repository
public class ApiClients implements InitializingBean, DisposableBean {

    static final int KEY_ID_LENGTH = 12;
    /**
     * How the public id of a key configured by the operator begins. A generated key's id is its own
     * first {@value #KEY_ID_LENGTH} characters, made to be shown ({@code ank_} and 8 of its 32 random
     * ones); an operator's key is their secret throughout, so its id is taken from its SHA-256 instead
     * ({@code cfg_} and 8 hex digits), never from the key itself.
     */
    static final String CONFIGURED_KEY_ID_PREFIX = "cfg_";
    /** Keys revoked or expired this long ago are forgotten in memory: they are then refused as unknown. */
    static final Duration REMEMBER_ENDED = Duration.ofDays(30);
    /** The name of the key registered at start (anshin.access.api-key, or generated). */
    static final String STARTUP_CLIENT = "startup";
    /**
     * The roles an administrator may issue and rotate keys for: never personal data, card numbers or
     * the audit trail (CUSTOMER_SERVICE, PRIVACY_OFFICER, CARD_DATA and BACKUP_OPERATOR keys are
     * configured at start). METRICS reads counters only.
     */
    static final Set<Role> ISSUABLE = EnumSet.of(Role.SCORER, Role.LABELER, Role.ANALYST, Role.ADMIN, Role.METRICS);

    private static final Logger log = LoggerFactory.getLogger(ApiClients.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SYSTEM = "system";
    private static final String SELECT = """
            SELECT key_id, name, key_hash, roles, enabled, created_at, expires_at, revoked_at, replaced_by, last_used_at
            FROM api_clients""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final AccessProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "api-key-refresh");
        thread.setDaemon(true);
        return thread;
    });

    /** The keys this instance knows, by key id: replaced whole on every change, read without a lock. */
    private volatile Map<String, Held> byKeyId = Map.of();
    private long seenRevision = -1;

    ApiClients(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, AuditLog audit,
            AccessProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
        this.properties = properties;
    }

    /** A key as stored: its hash, never the key. */
    private record Stored(String keyId, String name, byte[] hash, Set<Role> roles, boolean enabled, Instant createdAt,
            Instant expiresAt, Instant revokedAt, String replacedBy, Instant lastUsedAt) {

        ApiKeyStatus status(Instant now) {
            return ApiKeyStatus.of(enabled, expiresAt, replacedBy, now);
        }

        ApiKey described(Instant lastUsed, Instant now) {
            return new ApiKey(keyId, name, roles, createdAt, expiresAt, lastUsed, revokedAt, replacedBy, status(now));
        }
    }

    /** A key held in memory, with when this instance last saw it used (written to the database now and then). */
    private static final class Held {

        final Stored stored;
        final ApiClient client;
        final long expiresAtMillis;
        volatile long lastUsedMillis;
        long writtenMillis;

        Held(Stored stored, Held before) {
            this.stored = stored;
            this.client = new ApiClient(stored.keyId(), stored.name(), stored.roles());
            this.expiresAtMillis = stored.expiresAt() == null ? Long.MAX_VALUE : stored.expiresAt().toEpochMilli();
            long written = stored.lastUsedAt() == null ? 0 : stored.lastUsedAt().toEpochMilli();
            this.lastUsedMillis = Math.max(written, before == null ? 0 : before.lastUsedMillis);
            this.writtenMillis = Math.max(written, before == null ? 0 : before.writtenMillis);
        }
    }

    /** What became of a presented key. */
    enum Verdict { VALID, UNKNOWN, EXPIRED, REVOKED }

    /** The outcome of checking a key: the client when valid. */
    record Check(Verdict verdict, ApiClient client) {

        static final Check UNKNOWN = new Check(Verdict.UNKNOWN, null);
        static final Check EXPIRED = new Check(Verdict.EXPIRED, null);
        static final Check REVOKED = new Check(Verdict.REVOKED, null);
    }

    /** A key just made: the only time the key itself is ever visible. */
    record IssuedKey(ApiKey key, String apiKey) {

        @Override
        public String toString() {
            return "IssuedKey[" + key + ", apiKey=<redacted>]";
        }
    }

    @Override
    public void afterPropertiesSet() {
        refresh();
        long every = properties.keyRefreshInterval().toMillis();
        timer.scheduleWithFixedDelay(this::refreshSafely, every, every, TimeUnit.MILLISECONDS);
        long lastUse = Duration.ofMinutes(1).toMillis();
        timer.scheduleWithFixedDelay(this::writeLastUseSafely, lastUse, lastUse, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        writeLastUseSafely();
    }

    // ---- authentication ------------------------------------------------------------------------

    /** The client a presented key belongs to, if the key is valid now. */
    public Optional<ApiClient> authenticate(String key) {
        return Optional.ofNullable(check(key).client());
    }

    /**
     * Checks a presented key from memory. Expired or revoked is said only to whoever presents the
     * whole key (it matched the stored hash); anything else is just unknown.
     */
    Check check(String key) {
        if (key == null || key.length() < 24 || key.length() > 200) {
            return Check.UNKNOWN;
        }
        byte[] hash = sha256(key);
        Held held = byKeyId.get(configuredKeyId(hash));
        if (held == null || !MessageDigest.isEqual(held.stored.hash(), hash)) {
            held = byKeyId.get(generatedKeyId(key));
        }
        if (held == null || !MessageDigest.isEqual(held.stored.hash(), hash)) {
            return Check.UNKNOWN;
        }
        if (!held.stored.enabled()) {
            return Check.REVOKED;
        }
        long now = clock.millis();
        if (now >= held.expiresAtMillis) {
            return Check.EXPIRED;
        }
        // Written at most once a second per key, so thousands of requests a second share one write.
        if (now - held.lastUsedMillis > 1000) {
            held.lastUsedMillis = now;
        }
        return new Check(Verdict.VALID, held.client);
    }

    // ---- keys the server makes for itself, and for tests ---------------------------------------

    /** Creates a client with a fresh key of the default lifetime and returns the key: the only time it is ever visible. */
    public String register(String name, Set<Role> roles) {
        String key = newKey();
        Instant now = clock.instant();
        change(() -> {
            insert(name, generatedKeyId(key), key, roles, now, now.plus(properties.apiKeyLifetime()), "api-key.register",
                    SYSTEM, null);
            return null;
        });
        return key;
    }

    /**
     * Creates a fresh key for {@code name}, without expiry, and revokes every earlier key of that
     * name: for the keys the server makes for itself at every start (so old ones do not stay valid).
     */
    public String replace(String name, Set<Role> roles) {
        return replace(name, roles, null);
    }

    /**
     * As {@link #replace(String, Set)}, the key expiring after {@code lifetime} (none when null): for a
     * key the server makes for a task of seconds (the demo's rule set-up), so it never outlives it.
     */
    public String replace(String name, Set<Role> roles, Duration lifetime) {
        String key = newKey();
        Instant now = clock.instant();
        change(() -> {
            revokeAll(name, null, now);
            insert(name, generatedKeyId(key), key, roles, now, lifetime == null ? null : now.plus(lifetime),
                    "api-key.register", SYSTEM, null);
            return null;
        });
        return key;
    }

    /**
     * Registers a given key without expiry (the key configured at start), replacing a client with the
     * same key (also one stored under the id its first characters gave it before V20). Its public id
     * comes from its hash: see {@link #CONFIGURED_KEY_ID_PREFIX}.
     */
    public ApiClient register(String name, String key, Set<Role> roles) {
        if (key == null || key.length() < 24) {
            throw new IllegalArgumentException("an API key needs at least 24 characters");
        }
        Instant now = clock.instant();
        String keyId = configuredKeyId(sha256(key));
        change(() -> {
            jdbc.sql("DELETE FROM api_clients WHERE key_id = ? OR key_hash = ?")
                    .params(keyId, HexFormat.of().formatHex(sha256(key))).update();
            insert(name, keyId, key, roles, now, null, "api-key.register", SYSTEM, null);
            return null;
        });
        return new ApiClient(keyId, name, EnumSet.copyOf(roles));
    }

    /** Revokes every key of that name (the keys generated on earlier starts, once a key is configured). */
    public void disableNamed(String name) {
        Instant now = clock.instant();
        change(() -> revokeAll(name, null, now));
    }

    // ---- the lifecycle an administrator drives -------------------------------------------------

    /**
     * Issues the first key of a client. Refused while the name has a key that is still valid, so
     * issuing again never leaves an old key silently valid: that is what rotation is for.
     */
    IssuedKey issue(String name, Set<Role> roles, Duration lifetime, String by, String origin) {
        if (STARTUP_CLIENT.equals(name)) {
            throw refused("api-key.issue", name, by, origin, KeyLifecycleRefused.Reason.CONFIGURED_AT_START);
        }
        String key = newKey();
        Instant now = clock.instant();
        KeyLifecycleRefused.Reason refusal = change(() -> {
            if (!validKeys(name, now).isEmpty()) {
                return KeyLifecycleRefused.Reason.NAME_IN_USE;
            }
            insert(name, generatedKeyId(key), key, roles, now, now.plus(lifetime(lifetime)), "api-key.issue", by, origin);
            return null;
        });
        if (refusal != null) {
            throw refused("api-key.issue", name, by, origin, refusal);
        }
        return new IssuedKey(describe(generatedKeyId(key)), key);
    }

    /**
     * Rotates a client's key: a new key with the same roles; every key of the name still valid stays
     * valid until {@code overlap} from now (or its own expiry, if sooner), then stops.
     */
    IssuedKey rotate(String name, Duration overlap, Duration lifetime, String by, String origin) {
        return rotate(name, overlap, lifetime, by, origin, null);
    }

    /**
     * Rotates if the name's newest valid key is still {@code expectedNewest} (no check when null), so
     * a rotation submitted twice from the same page makes one new key, not two.
     */
    IssuedKey rotate(String name, Duration overlap, Duration lifetime, String by, String origin, String expectedNewest) {
        Duration keepOld = overlap == null ? properties.apiKeyRotationOverlap() : overlap;
        if (keepOld.isNegative() || keepOld.compareTo(properties.apiKeyMaxLifetime()) > 0) {
            throw new KeyLifecycleRefused(KeyLifecycleRefused.Reason.INVALID_OVERLAP, name);
        }
        String key = newKey();
        String keyId = generatedKeyId(key);
        Instant now = clock.instant();
        Duration newLifetime = lifetime(lifetime);
        List<String> kept = new ArrayList<>();
        KeyLifecycleRefused.Reason refusal = change(() -> {
            List<Stored> valid = validKeys(name, now);
            if (valid.isEmpty()) {
                return KeyLifecycleRefused.Reason.NO_VALID_KEY;
            }
            Stored newest = valid.get(0);
            if (expectedNewest != null && !expectedNewest.equals(newest.keyId())) {
                return KeyLifecycleRefused.Reason.ROTATED_ALREADY;
            }
            if (newest.expiresAt() == null) {
                return KeyLifecycleRefused.Reason.CONFIGURED_AT_START;
            }
            if (!ISSUABLE.containsAll(newest.roles())) {
                return KeyLifecycleRefused.Reason.ROLES_NOT_ISSUABLE;
            }
            Instant until = now.plus(keepOld);
            long revision = bump();
            for (Stored old : valid) {
                Instant ends = old.expiresAt().isBefore(until) ? old.expiresAt() : until;
                jdbc.sql("UPDATE api_clients SET expires_at = ?, replaced_by = ?, revision = ? WHERE key_id = ?")
                        .params(Timestamp.from(ends), keyId, revision, old.keyId()).update();
                kept.add(old.keyId() + " until " + ends);
            }
            insertRow(name, keyId, key, newest.roles(), now, now.plus(newLifetime), revision);
            record("api-key.rotate", name, by, origin, AuditOutcome.SUCCESS, "new key " + keyId + " until "
                    + now.plus(newLifetime) + "; old " + String.join(", ", kept));
            return null;
        });
        if (refusal != null) {
            throw refused("api-key.rotate", name, by, origin, refusal);
        }
        return new IssuedKey(describe(keyId), key);
    }

    /** Revokes every valid key of a client, or only the one given; refused takes effect everywhere within seconds. */
    List<ApiKey> revoke(String name, String keyId, String by, String origin) {
        Instant now = clock.instant();
        List<String> revoked = new ArrayList<>();
        change(() -> {
            revoked.addAll(revokeAll(name, keyId, now));
            if (!revoked.isEmpty()) {
                record("api-key.revoke", name, by, origin, AuditOutcome.SUCCESS, "revoked " + String.join(", ", revoked));
            }
            return null;
        });
        if (revoked.isEmpty()) {
            throw refused("api-key.revoke", name, by, origin, KeyLifecycleRefused.Reason.NO_VALID_KEY);
        }
        return revoked.stream().map(this::describe).toList();
    }

    /** Every key known, newest first per name (metadata only: never a key or its hash); of one name if given. */
    List<ApiKey> list(String name) {
        Instant now = clock.instant();
        Map<String, Held> held = byKeyId;
        return jdbc.sql(SELECT + (name == null ? "" : " WHERE name = ?") + " ORDER BY name, created_at DESC, key_id "
                        + "FETCH FIRST 1000 ROWS ONLY")
                .params(name == null ? List.of() : List.of(name))
                .query(ApiClients::stored).list().stream()
                .map(stored -> stored.described(lastUsed(stored, held.get(stored.keyId())), now))
                .toList();
    }

    private static Instant lastUsed(Stored stored, Held held) {
        long seen = held == null ? 0 : held.lastUsedMillis;
        long written = stored.lastUsedAt() == null ? 0 : stored.lastUsedAt().toEpochMilli();
        long last = Math.max(seen, written);
        return last == 0 ? null : Instant.ofEpochMilli(last);
    }

    private ApiKey describe(String keyId) {
        Instant now = clock.instant();
        return jdbc.sql(SELECT + " WHERE key_id = ?").param(keyId).query(ApiClients::stored).single()
                .described(null, now);
    }

    private Duration lifetime(Duration requested) {
        Duration lifetime = requested == null ? properties.apiKeyLifetime() : requested;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(properties.apiKeyMaxLifetime()) > 0) {
            throw new KeyLifecycleRefused(KeyLifecycleRefused.Reason.INVALID_LIFETIME, null);
        }
        return lifetime;
    }

    private KeyLifecycleRefused refused(String action, String name, String by, String origin,
            KeyLifecycleRefused.Reason reason) {
        record(action, name, by, origin, AuditOutcome.DENIED, reason.name());
        return new KeyLifecycleRefused(reason, name);
    }

    // ---- storage -------------------------------------------------------------------------------

    /** Runs a change in one transaction, then loads it into memory at once (other instances at their next poll). */
    private <T> T change(Supplier<T> work) {
        T result = transactions.execute(tx -> work.get());
        refresh();
        return result;
    }

    /**
     * Bumps the revision every instance polls, and returns it for the rows this transaction
     * changes. The row lock also serializes every change to keys, so a name's check and insert
     * cannot interleave with another's.
     */
    private long bump() {
        jdbc.sql("UPDATE api_client_revision SET revision = revision + 1 WHERE id = 1").update();
        return jdbc.sql("SELECT revision FROM api_client_revision WHERE id = 1").query(Long.class).single();
    }

    /** Valid keys of a name, newest first; takes the revision lock first so the answer holds until commit. */
    private List<Stored> validKeys(String name, Instant now) {
        jdbc.sql("SELECT revision FROM api_client_revision WHERE id = 1 FOR UPDATE").query(Long.class).single();
        return jdbc.sql(SELECT + " WHERE name = ? AND enabled = TRUE ORDER BY created_at DESC, key_id").param(name)
                .query(ApiClients::stored).list().stream()
                .filter(k -> k.status(now).valid())
                .toList();
    }

    private void insert(String name, String keyId, String key, Set<Role> roles, Instant now, Instant expiresAt,
            String action, String by, String origin) {
        long revision = bump();
        insertRow(name, keyId, key, roles, now, expiresAt, revision);
        record(action, name, by, origin, AuditOutcome.SUCCESS, "key " + keyId
                + (expiresAt == null ? ", no expiry (made at start)" : " until " + expiresAt)
                + "; roles " + rolesText(roles));
    }

    private void insertRow(String name, String keyId, String key, Set<Role> roles, Instant now, Instant expiresAt,
            long revision) {
        if (roles.isEmpty() || !roles.stream().allMatch(Role::forStaffOrClients)) {
            throw new IllegalArgumentException("an API client holds at least one role, and never the cardholder role");
        }
        jdbc.sql("""
                        INSERT INTO api_clients (key_id, name, key_hash, roles, enabled, created_at, expires_at, revision)
                        VALUES (?, ?, ?, ?, TRUE, ?, ?, ?)""")
                .params(keyId, name, HexFormat.of().formatHex(sha256(key)), rolesText(roles),
                        Timestamp.from(now), expiresAt == null ? null : Timestamp.from(expiresAt), revision)
                .update();
    }

    /** Revokes the name's keys not revoked yet (or only {@code keyId}); returns the key ids revoked. */
    private List<String> revokeAll(String name, String keyId, Instant now) {
        List<String> ids = jdbc.sql("SELECT key_id FROM api_clients WHERE name = ? AND enabled = TRUE"
                        + (keyId == null ? "" : " AND key_id = ?"))
                .params(keyId == null ? List.of(name) : List.of(name, keyId)).query(String.class).list();
        if (ids.isEmpty()) {
            return ids;
        }
        long revision = bump();
        for (String id : ids) {
            jdbc.sql("UPDATE api_clients SET enabled = FALSE, revoked_at = ?, revision = ? WHERE key_id = ?")
                    .params(Timestamp.from(now), revision, id).update();
        }
        return ids;
    }

    private void record(String action, String name, String by, String origin, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(by, AuditEvent.MAX_ACTOR), action, "api-client/" + name, null,
                outcome, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN), AuditEvent.fit(detail, AuditEvent.MAX_DETAIL)));
    }

    // ---- the copy in memory --------------------------------------------------------------------

    /**
     * Loads what changed since the last look (everything, the first time). The revision is read
     * before the rows, so a change committed in between is loaded again at the next look, never missed.
     */
    synchronized void refresh() {
        long revision = jdbc.sql("SELECT revision FROM api_client_revision WHERE id = 1").query(Long.class).single();
        if (revision == seenRevision) {
            return;
        }
        List<Stored> changed = jdbc.sql(SELECT + " WHERE revision > ?").param(seenRevision)
                .query(ApiClients::stored).list();
        Instant forgetBefore = clock.instant().minus(REMEMBER_ENDED);
        Map<String, Held> next = new HashMap<>(byKeyId);
        for (Stored stored : changed) {
            boolean longEnded = (stored.revokedAt() != null && stored.revokedAt().isBefore(forgetBefore))
                    || (stored.expiresAt() != null && stored.expiresAt().isBefore(forgetBefore));
            if (longEnded) {
                next.remove(stored.keyId());
            } else {
                next.put(stored.keyId(), new Held(stored, next.get(stored.keyId())));
            }
        }
        // A key deleted and registered again under the same id (a configured key at start) is simply replaced above.
        byKeyId = Map.copyOf(next);
        seenRevision = revision;
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The database may be away: keys in memory keep working, and the next look catches up.
            log.warn("could not look for changed API keys: {}", e.toString());
        }
    }

    /** Writes when each key was last used here, for the listing: to the minute, without a revision (not a change of access). */
    void writeLastUse() {
        for (Held held : byKeyId.values()) {
            long used = held.lastUsedMillis;
            if (used > held.writtenMillis) {
                Timestamp at = Timestamp.from(Instant.ofEpochMilli(used));
                jdbc.sql("UPDATE api_clients SET last_used_at = ? WHERE key_id = ? "
                                + "AND (last_used_at IS NULL OR last_used_at < ?)")
                        .params(at, held.stored.keyId(), at).update();
                held.writtenMillis = used;
            }
        }
    }

    private void writeLastUseSafely() {
        try {
            writeLastUse();
        } catch (RuntimeException e) {
            log.warn("could not write when API keys were last used: {}", e.toString());
        }
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getString("key_id"), rs.getString("name"), HexFormat.of().parseHex(rs.getString("key_hash")),
                parseRoles(rs.getString("roles")), rs.getBoolean("enabled"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("replaced_by"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    static Set<Role> parseRoles(String text) {
        return Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    static String newKey() {
        StringBuilder key = new StringBuilder("ank_");
        for (int i = 0; i < 32; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** The public id of a key Anshin generated: its first characters, made to be shown. */
    private static String generatedKeyId(String key) {
        return key.substring(0, KEY_ID_LENGTH);
    }

    /** The public id of a key the operator configured, from its SHA-256 (the V20 migration computes the same). */
    static String configuredKeyId(byte[] sha256) {
        return CONFIGURED_KEY_ID_PREFIX + HexFormat.of().formatHex(sha256).substring(0, KEY_ID_LENGTH - 4);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
