package dev.anshin.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Machine clients and their API keys. A key is {@code ank_} + 32 random characters; its first 12
 * characters are its public id, and only the SHA-256 of the whole key is stored.
 */
@Repository
public class ApiClients {

    static final int KEY_ID_LENGTH = 12;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Stored> byKeyId = new ConcurrentHashMap<>();

    ApiClients(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Stored(ApiClient client, byte[] hash) {
    }

    /** Creates a client with a fresh key and returns the key: the only time it is ever visible. */
    public String register(String name, Set<Role> roles) {
        String key = newKey();
        register(name, key, roles);
        return key;
    }

    /**
     * Creates a fresh key for {@code name} and disables every earlier key of that name: for clients
     * that get a new key on every start, so old keys do not stay valid forever.
     */
    public String replace(String name, Set<Role> roles) {
        disableNamed(name);
        return register(name, roles);
    }

    /** Registers a given key (replacing a client with the same key id). */
    public ApiClient register(String name, String key, Set<Role> roles) {
        if (key == null || key.length() < 24) {
            throw new IllegalArgumentException("an API key needs at least 24 characters");
        }
        if (!roles.stream().allMatch(Role::forStaffOrClients)) {
            throw new IllegalArgumentException("an API client cannot hold the cardholder role");
        }
        String keyId = key.substring(0, KEY_ID_LENGTH);
        String rolesText = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
        jdbc.sql("DELETE FROM api_clients WHERE key_id = ?").param(keyId).update();
        jdbc.sql("INSERT INTO api_clients (key_id, name, key_hash, roles, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(keyId, name, HexFormat.of().formatHex(sha256(key)), rolesText, true,
                        Timestamp.from(clock.instant()))
                .update();
        byKeyId.remove(keyId);
        return new ApiClient(keyId, name, EnumSet.copyOf(roles));
    }

    /** Disables every client of that name (used to replace the generated startup key). */
    void disableNamed(String name) {
        jdbc.sql("UPDATE api_clients SET enabled = FALSE WHERE name = ?").param(name).update();
        byKeyId.clear();
    }

    /** The client a presented key belongs to, if the key is valid. */
    public Optional<ApiClient> authenticate(String key) {
        if (key == null || key.length() < 24 || key.length() > 200) {
            return Optional.empty();
        }
        String keyId = key.substring(0, KEY_ID_LENGTH);
        Stored stored = byKeyId.computeIfAbsent(keyId, this::load);
        if (stored == null || !MessageDigest.isEqual(stored.hash(), sha256(key))) {
            return Optional.empty();
        }
        return Optional.of(stored.client());
    }

    private Stored load(String keyId) {
        return jdbc.sql("SELECT key_id, name, key_hash, roles FROM api_clients WHERE key_id = ? AND enabled = TRUE")
                .param(keyId)
                .query((rs, n) -> new Stored(new ApiClient(rs.getString("key_id"), rs.getString("name"),
                        parseRoles(rs.getString("roles"))), HexFormat.of().parseHex(rs.getString("key_hash"))))
                .optional().orElse(null);
    }

    static Set<Role> parseRoles(String text) {
        return Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    static String newKey() {
        StringBuilder key = new StringBuilder("ank_");
        for (int i = 0; i < 32; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
