package dev.anshin.privacy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data keys for personal data that is not tied to a registered customer (a voice from the public form, an
 * anonymous call: the words may still name people): one key per calendar month (UTC), named {@code month:YYYY-MM},
 * wrapped by the master key as a customer's key is ({@link MasterKeyRotation} re-wraps these too). Deleting a
 * month's key crypto-shreds everything sealed with it, backups included.
 */
@Repository
class UnattributedKeys {

    static final String PREFIX = "month:";

    private final JdbcClient jdbc;
    private final MasterKey keys;
    private final Clock clock;
    /** A month's key is made in a transaction of its own: a race on PostgreSQL would abort the caller's. */
    private final TransactionTemplate ownTransaction;

    UnattributedKeys(JdbcClient jdbc, MasterKey keys, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The key name for the month an instant falls in (UTC). */
    static String sealKey(Instant at) {
        return PREFIX + YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** The month a key name stands for, if it is one. */
    static Optional<YearMonth> month(String sealKey) {
        if (sealKey == null || !sealKey.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(sealKey.substring(PREFIX.length())));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A month's key kept unwrapped for sealing, and until when ({@link System#nanoTime()}). */
    private record SealingKey(Aead aead, long until) {
    }

    /** How long an unwrapped month key is kept for {@link #seal} (as the vault keeps customers' keys). */
    private static final long SEALING_KEY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    /** Most month keys kept (voices dated over many months); past it the cache starts over. */
    private static final int SEALING_KEYS = 120;
    private final java.util.concurrent.ConcurrentHashMap<String, SealingKey> sealingKeys =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Counts {@link #forgetSealingKeys} calls: a key read before one is never kept after it. */
    private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Seals with the month's key, made when the month has none yet. The key is unwrapped once and kept in memory
     * for five minutes at most, for sealing only (a month has one key, so at most a few are kept): {@link #open}
     * always reads it from the database, so nothing opens once the month is shredded, and {@link #shredBefore}
     * forgets every kept key at once and again when its transaction ends.
     */
    String seal(String sealKey, String context, String plaintext) {
        long now = System.nanoTime();
        SealingKey kept = sealingKeys.get(sealKey);
        Aead aead;
        if (kept != null && now - kept.until() < 0) {
            aead = kept.aead();
        } else {
            long epoch = forgotten.get();
            aead = cipher(sealKey).orElseGet(() -> create(sealKey));
            if (sealingKeys.size() >= SEALING_KEYS) {
                sealingKeys.clear();
            }
            sealingKeys.put(sealKey, new SealingKey(aead, now + SEALING_KEY_NANOS));
            if (forgotten.get() != epoch) {
                // a shredding forgot the keys meanwhile: this one may be shredded; used once, not kept
                sealingKeys.remove(sealKey);
            }
        }
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    associatedData(sealKey, context)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The sealed text, or empty once the month's key is shredded. */
    Optional<String> open(String sealKey, String context, String sealed) {
        return cipher(sealKey).map(aead -> {
            try {
                return new String(aead.decrypt(Base64.getDecoder().decode(sealed), associatedData(sealKey, context)),
                        StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a sealed unattributed document does not decrypt", e);
            }
        });
    }

    /** Deletes the keys of every month that ended before {@code cutoff}: what they sealed is unreadable from then on. */
    int shredBefore(Instant cutoff) {
        YearMonth cutoffMonth = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
        forgetSealingKeys();
        List<String> old = jdbc.sql("SELECT seal_key FROM unattributed_keys").query(String.class).list().stream()
                .filter(key -> month(key).filter(m -> m.isBefore(cutoffMonth)).isPresent())
                .toList();
        int shredded = 0;
        for (String key : old) {
            shredded += jdbc.sql("DELETE FROM unattributed_keys WHERE seal_key = ?").param(key).update();
        }
        return shredded;
    }

    /** Drops the month keys kept for {@link #seal}, now and when the caller's transaction ends. */
    private void forgetSealingKeys() {
        forgotten.incrementAndGet();
        sealingKeys.clear();
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forgotten.incrementAndGet();
                            sealingKeys.clear();
                        }
                    });
        }
    }

    List<Long> masterKeysInUse() {
        return jdbc.sql("SELECT DISTINCT master_key_id FROM unattributed_keys").query(Long.class).list();
    }

    long wrappedByOtherThan(long primary) {
        return jdbc.sql("SELECT COUNT(*) FROM unattributed_keys WHERE master_key_id <> ?").param(primary)
                .query(Long.class).single();
    }

    /** Re-wraps up to {@code limit} keys not under the primary master key; how many rows it looked at. */
    int rewrapBatch(long primary, int limit) {
        List<String[]> rows = jdbc.sql("""
                        SELECT seal_key, wrapped_key FROM unattributed_keys WHERE master_key_id <> ?
                        ORDER BY seal_key FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param(primary)
                .query((rs, n) -> new String[] {rs.getString("seal_key"), rs.getString("wrapped_key")})
                .list();
        for (String[] row : rows) {
            MasterKey.Wrapped rewrapped = keys.wrap(keys.unwrapKeyset(row[1], row[0]), row[0]);
            jdbc.sql("UPDATE unattributed_keys SET wrapped_key = ?, master_key_id = ? WHERE seal_key = ? AND wrapped_key = ?")
                    .params(rewrapped.value(), rewrapped.masterKeyId(), row[0], row[1])
                    .update();
        }
        return rows.size();
    }

    private Optional<Aead> cipher(String sealKey) {
        return jdbc.sql("SELECT wrapped_key FROM unattributed_keys WHERE seal_key = ?")
                .param(sealKey)
                .query(String.class)
                .optional()
                .map(wrapped -> keys.unwrap(wrapped, sealKey));
    }

    /**
     * Makes the month's key when it has none yet, in a transaction of its own: called before the caller's
     * transaction opens, so that the caller never holds two connections at once.
     */
    void ensure(String sealKey) {
        if (cipher(sealKey).isEmpty()) {
            create(sealKey);
        }
    }

    private Aead create(String sealKey) {
        if (month(sealKey).isEmpty()) {
            throw new IllegalArgumentException("not an unattributed key name");
        }
        try {
            ownTransaction.executeWithoutResult(tx -> {
                MasterKey.Wrapped key = keys.wrap(keys.newCustomerKey(), sealKey);
                jdbc.sql("INSERT INTO unattributed_keys (seal_key, wrapped_key, master_key_id, created_at) "
                                + "VALUES (?, ?, ?, ?)")
                        .params(sealKey, key.value(), key.masterKeyId(), Timestamp.from(clock.instant()))
                        .update();
            });
        } catch (DuplicateKeyException madeMeanwhile) {
            // another sender made the month's key first: use it
        }
        return cipher(sealKey).orElseThrow(() -> new IllegalStateException("the month's key was not stored"));
    }

    private static byte[] associatedData(String sealKey, String context) {
        return (sealKey + "#" + context).getBytes(StandardCharsets.UTF_8);
    }
}
