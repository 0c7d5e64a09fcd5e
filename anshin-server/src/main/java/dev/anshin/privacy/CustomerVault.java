package dev.anshin.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of customers and their encrypted personal values. Package-private on purpose: the only way
 * in from other modules is {@link PersonalData}, which checks purpose, consent and role and audits.
 * Each value is encrypted with the customer's own key and bound (as associated data) to the customer
 * and the field, so a ciphertext copied to another row or field does not decrypt.
 */
@Repository
class CustomerVault {

    enum Status { ACTIVE, ERASED }

    record StoredCustomer(String id, Status status, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final MasterKey keys;
    private final Clock clock;

    CustomerVault(JdbcClient jdbc, MasterKey keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    Optional<StoredCustomer> find(String id) {
        return jdbc.sql("SELECT id, status, created_at FROM customers WHERE id = ?")
                .param(id)
                .query((rs, n) -> new StoredCustomer(rs.getString("id"), Status.valueOf(rs.getString("status")),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    Optional<StoredCustomer> findByNumber(String customerNumber) {
        return jdbc.sql("SELECT id FROM customers WHERE number_index = ?")
                .param(keys.blindIndex(customerNumber))
                .query(String.class)
                .optional()
                .flatMap(this::find);
    }

    /** A new customer with a fresh key and the given values; call inside a transaction. */
    StoredCustomer insert(String customerNumber, Map<PersonalField, String> values) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO customers (id, number_index, status, created_at) VALUES (?, ?, ?, ?)")
                .params(id, keys.blindIndex(customerNumber), Status.ACTIVE.name(), Timestamp.from(now))
                .update();
        MasterKey.Wrapped key = keys.wrap(keys.newCustomerKey(), id);
        jdbc.sql("INSERT INTO customer_keys (customer_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)")
                .params(id, key.value(), key.masterKeyId(), Timestamp.from(now))
                .update();
        write(id, values);
        return new StoredCustomer(id, Status.ACTIVE, now);
    }

    /** Locks an active customer until the transaction ends (an erasure waits); 404 when unknown, 410 when erased. */
    void lockActive(String customerId) {
        String status = jdbc.sql("SELECT status FROM customers WHERE id = ? FOR UPDATE").param(customerId)
                .query(String.class).optional()
                .orElseThrow(() -> RequestProblem.notFound("No such customer."));
        if (!Status.ACTIVE.name().equals(status)) {
            throw new RequestProblem(ProblemType.ERASED, "This customer's personal data was erased.", List.of());
        }
    }

    /** Encrypts and stores (inserts or replaces) the given values; call inside a transaction. */
    void write(String customerId, Map<PersonalField, String> values) {
        // Locks the customer against a concurrent erasure, which would leave these rows without a key.
        lockActive(customerId);
        Aead aead = cipher(customerId).orElseThrow(() -> new IllegalStateException("customer has no key"));
        Timestamp now = Timestamp.from(clock.instant());
        for (Map.Entry<PersonalField, String> value : values.entrySet()) {
            String ciphertext = encrypt(aead, customerId, value.getKey(), value.getValue());
            int updated = jdbc.sql("UPDATE personal_values SET ciphertext = ?, updated_at = ? WHERE customer_id = ? AND field = ?")
                    .params(ciphertext, now, customerId, value.getKey().name())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO personal_values (customer_id, field, ciphertext, updated_at) VALUES (?, ?, ?, ?)")
                        .params(customerId, value.getKey().name(), ciphertext, now)
                        .update();
            }
        }
    }

    /** The decrypted values of the fields asked for that the customer has. */
    /** The ids of every customer whose data is held (not erased), for a statistics population. */
    List<String> activeIds() {
        return jdbc.sql("SELECT id FROM customers WHERE status = ? ORDER BY id")
                .param(Status.ACTIVE.name()).query(String.class).list();
    }

    Map<PersonalField, String> read(String customerId, Set<PersonalField> fields) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        Optional<Aead> aead = cipher(customerId);
        if (aead.isEmpty()) {
            return values;
        }
        jdbc.sql("SELECT field, ciphertext FROM personal_values WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> Map.entry(rs.getString("field"), rs.getString("ciphertext")))
                .list()
                .forEach(row -> PersonalField.named(row.getKey())
                        .filter(fields::contains)
                        .ifPresent(field -> values.put(field, decrypt(aead.get(), customerId, field, row.getValue()))));
        return values;
    }

    /** Which fields the customer has values for (no decryption). */
    Set<PersonalField> heldFields(String customerId) {
        return jdbc.sql("SELECT field FROM personal_values WHERE customer_id = ?")
                .param(customerId)
                .query(String.class)
                .list()
                .stream()
                .flatMap(name -> PersonalField.named(name).stream())
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(PersonalField.class)));
    }

    /** What an erasure did: the tombstone, and whether this call erased (false: erased before). */
    record Erasure(Tombstone tombstone, boolean now) {
    }

    /**
     * Crypto-shredding, inside one transaction: the key goes first (without it every copy of the
     * ciphertexts, in backups too, is unreadable), then the ciphertexts and the number index, and a
     * tombstone records what was erased, when, by whom and why.
     */
    Erasure erase(String customerId, String erasedBy, ErasureReason reason, String reference) {
        // Claims the erasure (and locks the row against a concurrent correction) before anything is destroyed.
        int claimed = jdbc.sql("UPDATE customers SET status = ?, number_index = NULL WHERE id = ? AND status = ?")
                .params(Status.ERASED.name(), customerId, Status.ACTIVE.name())
                .update();
        if (claimed == 0) {
            return new Erasure(tombstone(customerId)
                    .orElseThrow(() -> new IllegalStateException("erased without a tombstone")), false);
        }
        return new Erasure(destroy(customerId, clock.instant(), erasedBy, reason, reference, true), true);
    }

    /**
     * Erases again a customer the erasure journal names but the database still holds (restored from
     * a backup taken before the erasure): whatever is left of them goes, and the tombstone, if the
     * database lacks it, is dated when the erasure was made.
     */
    Tombstone eraseAgain(String customerId, Instant erasedAt, String erasedBy, ErasureReason reason, String reference) {
        jdbc.sql("UPDATE customers SET status = ?, number_index = NULL WHERE id = ?")
                .params(Status.ERASED.name(), customerId)
                .update();
        Optional<Tombstone> kept = tombstone(customerId);
        Tombstone made = destroy(customerId, erasedAt, erasedBy, reason, reference, kept.isEmpty());
        return kept.orElse(made);
    }

    private Tombstone destroy(String customerId, Instant erasedAt, String erasedBy, ErasureReason reason,
            String reference, boolean writeTombstone) {
        Set<PersonalField> held = heldFields(customerId);
        forgetSealingKey(customerId);
        jdbc.sql("DELETE FROM customer_keys WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM personal_values WHERE customer_id = ?").param(customerId).update();
        if (writeTombstone) {
            jdbc.sql("""
                            INSERT INTO erasure_tombstones (customer_id, erased_at, erased_by, reason, reference, fields)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(customerId, Timestamp.from(erasedAt), erasedBy, reason.name(), reference,
                            PersonalField.names(held))
                    .update();
        }
        return new Tombstone(customerId, erasedAt, erasedBy, reason, reference, held);
    }

    /**
     * Of these customers, those the database still holds something of: a key, values, or a status
     * other than erased.
     */
    List<String> stillHeld(Collection<String> customerIds) {
        List<String> ids = List.copyOf(customerIds);
        List<String> held = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            held.addAll(jdbc.sql("""
                            SELECT c.id FROM customers c WHERE c.id IN (:ids) AND (c.status <> :erased
                            OR EXISTS (SELECT 1 FROM customer_keys k WHERE k.customer_id = c.id)
                            OR EXISTS (SELECT 1 FROM personal_values v WHERE v.customer_id = c.id))""")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .param("erased", Status.ERASED.name())
                    .query(String.class)
                    .list());
        }
        return held;
    }

    /** The tombstones of customers not among {@code customerIds}. */
    List<Tombstone> tombstonesOutside(Set<String> customerIds) {
        List<Tombstone> outside = new ArrayList<>();
        jdbc.sql("SELECT customer_id, erased_at, erased_by, reason, reference FROM erasure_tombstones")
                .query(rs -> {
                    String id = rs.getString("customer_id");
                    if (!customerIds.contains(id)) {
                        outside.add(new Tombstone(id, rs.getTimestamp("erased_at").toInstant(), rs.getString("erased_by"),
                                ErasureReason.valueOf(rs.getString("reason")), rs.getString("reference"), Set.of()));
                    }
                });
        return outside;
    }

    /** The customers erased at or after {@code since}, oldest erasure first: ids only. */
    List<String> erasedSince(java.time.Instant since) {
        return jdbc.sql("SELECT customer_id FROM erasure_tombstones WHERE erased_at >= ? ORDER BY erased_at, customer_id")
                .param(java.sql.Timestamp.from(since)).query(String.class).list();
    }

    Optional<Tombstone> tombstone(String customerId) {
        return jdbc.sql("""
                        SELECT customer_id, erased_at, erased_by, reason, reference, fields FROM erasure_tombstones
                        WHERE customer_id = ?""")
                .param(customerId)
                .query((rs, n) -> new Tombstone(rs.getString("customer_id"), rs.getTimestamp("erased_at").toInstant(),
                        rs.getString("erased_by"), ErasureReason.valueOf(rs.getString("reason")),
                        rs.getString("reference"), PersonalField.fromNames(rs.getString("fields"))))
                .optional();
    }

    /** A customer's key kept unwrapped for sealing, and until when ({@link System#nanoTime()}). */
    private record SealingKey(Aead aead, long until) {
    }

    /** How long an unwrapped key is kept for {@link #sealCached}. */
    private static final long SEALING_KEY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    /** Most keys kept for {@link #sealCached}; past it the cache starts over. */
    private static final int SEALING_KEYS = 10_000;
    private final java.util.concurrent.ConcurrentHashMap<String, SealingKey> sealingKeys =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Counts {@link #forgetSealingKey} calls: a key read before one is never cached after it. */
    private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {@link #seal}, for a hot path (every authorization of the customer's cards): the customer's key is
     * unwrapped once and kept in memory for five minutes at most, for sealing only ({@link #open} always
     * reads the key from the database, so nothing sealed opens once the customer is erased). An erasure
     * here forgets it at once and again when it commits ({@link #destroy}).
     */
    String sealCached(String customerId, String context, String plaintext) {
        long now = System.nanoTime();
        SealingKey key = sealingKeys.get(customerId);
        Aead aead;
        if (key != null && now - key.until() < 0) {
            aead = key.aead();
        } else {
            long epoch = forgotten.get();
            aead = cipher(customerId).orElseThrow(() -> new RequestProblem(ProblemType.ERASED,
                    "This customer's personal data was erased.", List.of()));
            if (sealingKeys.size() >= SEALING_KEYS) {
                sealingKeys.clear();
            }
            sealingKeys.put(customerId, new SealingKey(aead, now + SEALING_KEY_NANOS));
            if (forgotten.get() != epoch) {
                // An erasure forgot keys meanwhile: this one may be of an erased customer; used once, not kept.
                sealingKeys.remove(customerId);
            }
        }
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    (customerId + "#" + context).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Drops the customer's key kept for {@link #sealCached}, now and when the caller's transaction ends. */
    private void forgetSealingKey(String customerId) {
        forgotten.incrementAndGet();
        sealingKeys.remove(customerId);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forgotten.incrementAndGet();
                            sealingKeys.remove(customerId);
                        }
                    });
        }
    }

    private Optional<Aead> cipher(String customerId) {
        return jdbc.sql("SELECT wrapped_key FROM customer_keys WHERE customer_id = ?")
                .param(customerId)
                .query(String.class)
                .optional()
                .map(wrapped -> keys.unwrap(wrapped, customerId));
    }

    /**
     * Encrypts a document about the customer (the corrections a request asks for, a disclosure) with
     * the customer's own key, bound to the customer and the context, so it is unreadable at rest and
     * shredded with the customer.
     */
    String seal(String customerId, String context, String plaintext) {
        Aead aead = cipher(customerId).orElseThrow(() -> new RequestProblem(ProblemType.ERASED,
                "This customer's personal data was erased.", List.of()));
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    (customerId + "#" + context).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** A sealed document, or empty once the customer's key is gone (erased). */
    Optional<String> open(String customerId, String context, String sealed) {
        return cipher(customerId).map(aead -> {
            try {
                return new String(aead.decrypt(Base64.getDecoder().decode(sealed),
                        (customerId + "#" + context).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a sealed document of a customer does not decrypt", e);
            }
        });
    }

    private static byte[] associatedData(String customerId, PersonalField field) {
        return (customerId + "/" + field.name()).getBytes(StandardCharsets.UTF_8);
    }

    private static String encrypt(Aead aead, String customerId, PersonalField field, String value) {
        try {
            return Base64.getEncoder().encodeToString(
                    aead.encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData(customerId, field)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static String decrypt(Aead aead, String customerId, PersonalField field, String ciphertext) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(ciphertext), associatedData(customerId, field)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never the value or the ciphertext in the message.
            throw new IllegalStateException("a stored value of field " + field + " does not decrypt", e);
        }
    }
}
