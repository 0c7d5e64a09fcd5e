package dev.anshin.audit;

import dev.anshin.audit.AuditChain.Head;
import dev.anshin.audit.AuditVerification.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.LongConsumer;

/**
 * Walks the chain in seq order from the retention checkpoint to the head and reports the first
 * broken entry: altered (hash mismatch), removed (gap, or no link to the entry before),
 * reordered (sealed for another seq) or truncated (ends before the head). Reads one snapshot
 * (repeatable read), streaming, so it runs beside a live server on PostgreSQL.
 */
public final class AuditVerifier {

    /** How far from its place a moved entry is looked for, to tell a reordering from an alteration. */
    private static final int REORDER_WINDOW = 64;
    private static final int PROGRESS_EVERY = 10_000;

    private final AuditChain chain;

    public AuditVerifier(AuditKey key) {
        this.chain = new AuditChain(key);
    }

    /**
     * Verifies the chain in the database behind {@code connection} (which it uses in a read-only
     * transaction of its own), telling {@code progress} the number of entries checked so far now and then.
     */
    public AuditVerification verify(Connection connection, LongConsumer progress) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return walk(connection, progress);
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private AuditVerification walk(Connection connection, LongConsumer progress) throws SQLException {
        Head head = AuditChain.head(connection, false);
        if (head == null) {
            return AuditVerification.broken(0, 1, 0, null, 1, Reason.HEAD_ALTERED, "the chain head row is missing");
        }
        long firstSeq = head.purgedSeq() + 1;
        if (!chain.headIsSealed(head)) {
            return AuditVerification.broken(0, firstSeq, head.lastSeq(), head.lastHash(), head.lastSeq(),
                    Reason.HEAD_ALTERED, "the chain head row does not match its seal");
        }
        long expectedSeq = firstSeq;
        String expectedPrev = head.purgedHash();
        long checked = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, at, actor, action, resource, purpose, "
                + "outcome, origin, detail, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq")) {
            select.setFetchSize(1000);
            select.setLong(1, head.purgedSeq());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = entry(rs);
                    long seq = entry.seq();
                    if (seq > head.lastSeq()) {
                        return broken(checked, firstSeq, head, seq, Reason.HEAD_ALTERED, "entry " + seq
                                + " lies beyond the head (last seq " + head.lastSeq() + "): the head was rolled back");
                    }
                    if (seq != expectedSeq) {
                        return broken(checked, firstSeq, head, expectedSeq, Reason.REMOVED,
                                seq - expectedSeq == 1 ? "entry " + expectedSeq + " is missing"
                                        : "entries " + expectedSeq + " to " + (seq - 1) + " are missing");
                    }
                    if (!chain.verifies(entry, seq)) {
                        long sealedAs = sealedFor(entry);
                        return sealedAs > 0
                                ? broken(checked, firstSeq, head, seq, Reason.REORDERED,
                                        "entry " + seq + " holds the entry sealed as seq " + sealedAs)
                                : broken(checked, firstSeq, head, seq, Reason.ALTERED,
                                        "entry " + seq + " does not match its hash: it was altered");
                    }
                    if (!entry.prevHash().equals(expectedPrev)) {
                        return broken(checked, firstSeq, head, seq, Reason.REMOVED, "entry " + seq
                                + " does not link to the entry before it: an entry was removed or replaced");
                    }
                    expectedPrev = entry.hash();
                    expectedSeq++;
                    if (++checked % PROGRESS_EVERY == 0) {
                        progress.accept(checked);
                    }
                }
            }
        }
        if (expectedSeq - 1 < head.lastSeq()) {
            return broken(checked, firstSeq, head, expectedSeq, Reason.TRUNCATED, "the chain ends at seq "
                    + (expectedSeq - 1) + " but the head records seq " + head.lastSeq() + ": entries at the end were removed");
        }
        if (!expectedPrev.equals(head.lastHash())) {
            return broken(checked, firstSeq, head, head.lastSeq(), Reason.HEAD_ALTERED,
                    "the last entry's hash is not the one the head records");
        }
        return AuditVerification.intact(checked, firstSeq, head.lastSeq(), head.lastHash());
    }

    /** The seq an entry found out of place was sealed for, looked for near its place; 0 if none. */
    private long sealedFor(AuditEntry entry) {
        for (long distance = 1; distance <= REORDER_WINDOW; distance++) {
            for (long candidate : new long[] {entry.seq() + distance, entry.seq() - distance}) {
                if (candidate > 0 && chain.verifies(entry, candidate)) {
                    return candidate;
                }
            }
        }
        return 0;
    }

    private static AuditVerification broken(long checked, long firstSeq, Head head, long seq, Reason reason,
            String explanation) {
        return AuditVerification.broken(checked, firstSeq, head.lastSeq(), head.lastHash(), seq, reason, explanation);
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        AuditOutcome parsed = null;
        for (AuditOutcome candidate : AuditOutcome.values()) {
            if (candidate.name().equals(outcome)) {
                parsed = candidate;
            }
        }
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("resource"), rs.getString("purpose"),
                parsed, rs.getString("origin"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
