package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Rotation of the master keyset: a new primary key is added (the old ones stay, so every wrapped
 * customer key still opens), then every customer key is re-wrapped under the new primary in the
 * background, one row per statement. Each row is at every moment wrapped either by an old key or by
 * the new one, both in the keyset file, so a crash anywhere loses nothing; a re-wrap left unfinished
 * resumes when the server starts again.
 */
@Service
public class MasterKeyRotation {

    /** Where a rotation stands: the keys, how many customer keys each one wraps, and the re-wrap's progress. */
    @Schema(name = "MasterKeyStatus")
    public record Status(long primaryKeyId, List<Long> keyIds, Map<Long, Long> customerKeysByMasterKey,
            boolean rewrapping, long rewrapped, long remaining) {
    }

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 500;

    private final MasterKey keys;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    /** The month keys of unattributed personal data (voices from the public form): wrapped alike, re-wrapped alike. */
    private final UnattributedKeys unattributed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "master-key-rewrap");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean rewrapping = new AtomicBoolean();
    private final AtomicLong rewrapped = new AtomicLong();

    MasterKeyRotation(MasterKey keys, JdbcClient jdbc, AuditLog audit, UnattributedKeys unattributed) {
        this.unattributed = unattributed;
        this.keys = keys;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Adds a new primary master key and starts re-wrapping every customer key under it. */
    public Status rotate(Actor actor) {
        if (!keys.rotatable()) {
            audit.record(new AuditEvent(actor.name(), "master-key.rotate", "master-keyset", null, AuditOutcome.FAILURE,
                    actor.origin(), "keyset given in the environment"));
            throw RequestProblem.conflict("The master keyset is given in the environment (ANSHIN_MASTER_KEYSET): "
                    + "add a primary key in your secret store and restart; the re-wrap then runs at start.");
        }
        long primary = keys.rotate();
        audit.record(new AuditEvent(actor.name(), "master-key.rotate", "master-keyset", null, AuditOutcome.SUCCESS,
                actor.origin(), "new primary key " + primary));
        log.info("Master keyset rotated: new primary key {}; re-wrapping customer keys", primary);
        startRewrap();
        return status();
    }

    /**
     * Removes the master keys no customer key is wrapped with any more (after a finished re-wrap),
     * so a leaked old key opens nothing. Refused while a re-wrap is running or rows still use an old
     * key. Keep a backup of the keyset file from before a rotation until this has run.
     */
    public Status retire(Actor actor) {
        synchronized (keys) {
            String refusal = !keys.rotatable() ? "The master keyset is given in the environment (ANSHIN_MASTER_KEYSET): "
                    + "remove old keys in your secret store once the re-wrap is done."
                    : rewrapping.get() || remaining() > 0 ? "Customer keys are still wrapped by an old master key: "
                    + "wait for the re-wrap to finish (GET /api/v1/privacy/master-key)." : null;
            if (refusal != null) {
                audit.record(new AuditEvent(actor.name(), "master-key.retire", "master-keyset", null,
                        AuditOutcome.FAILURE, actor.origin(), "refused: old keys in use or keyset in the environment"));
                throw RequestProblem.conflict(refusal);
            }
            java.util.Set<Long> inUse = new java.util.HashSet<>(jdbc.sql(
                    "SELECT DISTINCT master_key_id FROM customer_keys").query(Long.class).list());
            inUse.addAll(unattributed.masterKeysInUse());
            List<Long> removed = keys.retireAllBut(inUse);
            audit.record(new AuditEvent(actor.name(), "master-key.retire", "master-keyset", null, AuditOutcome.SUCCESS,
                    actor.origin(), removed.isEmpty() ? "nothing to retire" : "retired keys " + removed));
            log.info("Master keys retired: {}", removed);
        }
        return status();
    }

    public Status status() {
        Map<Long, Long> byKey = new TreeMap<>();
        jdbc.sql("SELECT master_key_id, COUNT(*) AS n FROM customer_keys GROUP BY master_key_id")
                .query((rs, n) -> Map.entry(rs.getLong("master_key_id"), rs.getLong("n")))
                .list()
                .forEach(entry -> byKey.put(entry.getKey(), entry.getValue()));
        return new Status(keys.primaryKeyId(), keys.keyIds(), byKey, rewrapping.get(), rewrapped.get(),
                remaining());
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAtStart() {
        if (remaining() > 0) {
            log.info("Resuming the re-wrap of {} customer keys under master key {}", remaining(), keys.primaryKeyId());
            startRewrap();
        }
    }

    private void startRewrap() {
        if (rewrapping.compareAndSet(false, true)) {
            rewrapped.set(0);
            worker.execute(() -> {
                try {
                    while (rewrapBatch(BATCH) > 0) {
                        // next batch
                    }
                    log.info("Re-wrap done: {} customer keys under master key {}", rewrapped.get(), keys.primaryKeyId());
                } catch (RuntimeException e) {
                    log.error("Re-wrap stopped; it resumes at the next rotation or start", e);
                } finally {
                    rewrapping.set(false);
                }
            });
        }
    }

    /**
     * Re-wraps up to {@code limit} customer keys not yet under the primary key, each in its own
     * statement, and returns how many rows it looked at. A row erased or re-wrapped meanwhile is left
     * alone: the update only applies to the wrapped key it read.
     */
    int rewrapBatch(int limit) {
        long primary = keys.primaryKeyId();
        List<String[]> rows = jdbc.sql("""
                        SELECT customer_id, wrapped_key FROM customer_keys WHERE master_key_id <> ?
                        ORDER BY customer_id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param(primary)
                .query((rs, n) -> new String[] {rs.getString("customer_id"), rs.getString("wrapped_key")})
                .list();
        for (String[] row : rows) {
            String customerId = row[0];
            MasterKey.Wrapped rewrapped = keys.wrap(keys.unwrapKeyset(row[1], customerId), customerId);
            int updated = jdbc.sql("UPDATE customer_keys SET wrapped_key = ?, master_key_id = ? "
                            + "WHERE customer_id = ? AND wrapped_key = ?")
                    .params(rewrapped.value(), rewrapped.masterKeyId(), customerId, row[1])
                    .update();
            this.rewrapped.addAndGet(updated);
        }
        if (rows.size() < limit) {
            return rows.size() + unattributed.rewrapBatch(primary, limit - rows.size());
        }
        return rows.size();
    }

    private long remaining() {
        return jdbc.sql("SELECT COUNT(*) FROM customer_keys WHERE master_key_id <> ?")
                .param(keys.primaryKeyId()).query(Long.class).single()
                + unattributed.wrappedByOtherThan(keys.primaryKeyId());
    }
}
