package dev.anshin.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The hash chain over plain JDBC, so the server (inside its transactions) and the command line
 * (offline) run the same code. Appends lock the single head row ({@code SELECT ... FOR UPDATE}):
 * one writer at a time across every instance sharing the database, and a rolled-back transaction
 * leaves neither its entry nor a gap behind.
 */
public final class AuditChain {

    /** The previous hash of the very first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final String ENTRY_FORMAT = "anshin.audit.entry.v1";
    private static final String HEAD_FORMAT = "anshin.audit.head.v1";

    private final AuditKey key;

    public AuditChain(AuditKey key) {
        this.key = key;
    }

    /** The end of the chain and the retention checkpoint, with the seal over both. */
    record Head(long lastSeq, String lastHash, long purgedSeq, String purgedHash, String seal) {

        boolean isInitial() {
            return lastSeq == 0 && purgedSeq == 0 && GENESIS.equals(lastHash) && GENESIS.equals(purgedHash);
        }
    }

    /** What a purge removed: entries {@code fromSeq..toSeq}, the last of which is now the checkpoint. */
    public record Purge(long fromSeq, long toSeq, int deleted, String checkpointHash) {
    }

    /**
     * Appends one entry at {@code now} (truncated to microseconds, what PostgreSQL keeps). Call it
     * inside a transaction: the head row stays locked until it ends.
     */
    public AuditEntry append(Connection connection, AuditEvent event, Instant now) throws SQLException {
        Head head = head(connection, true);
        long seq = head.lastSeq() + 1;
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        String hash = key.seal(canonical(seq, at, event.actor(), event.action(), event.resource(), event.purpose(),
                event.outcome(), event.origin(), event.detail(), head.lastHash()));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, "
                + "resource, purpose, outcome, origin, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(3, event.actor());
            insert.setString(4, event.action());
            insert.setString(5, event.resource());
            insert.setString(6, event.purpose());
            insert.setString(7, event.outcome().name());
            insert.setString(8, event.origin());
            insert.setString(9, event.detail());
            insert.setString(10, head.lastHash());
            insert.setString(11, hash);
            insert.executeUpdate();
        }
        writeHead(connection, new Head(seq, hash, head.purgedSeq(), head.purgedHash(), null));
        return AuditEntry.of(seq, at, event, head.lastHash(), hash);
    }

    /**
     * Deletes the oldest entries, up to the last one recorded before {@code cutoff} that is followed
     * only by younger ones (a prefix of the chain, so what remains is still one chain), and makes the
     * last deleted entry the checkpoint verification starts from. Call it inside a transaction.
     */
    public Purge purgeBefore(Connection connection, Instant cutoff) throws SQLException {
        Head head = head(connection, true);
        long firstKept = head.lastSeq() + 1;
        try (PreparedStatement first = connection.prepareStatement(
                "SELECT MIN(seq) FROM audit_log WHERE seq > ? AND at >= ?")) {
            first.setLong(1, head.purgedSeq());
            first.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = first.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    firstKept = rs.getLong(1);
                }
            }
        }
        long lastPurged = firstKept - 1;
        if (lastPurged <= head.purgedSeq()) {
            return new Purge(head.purgedSeq() + 1, head.purgedSeq(), 0, head.purgedHash());
        }
        String checkpointHash;
        try (PreparedStatement last = connection.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
            last.setLong(1, lastPurged);
            try (ResultSet rs = last.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit entry " + lastPurged
                            + " is missing: verify the chain before purging");
                }
                checkpointHash = rs.getString(1);
            }
        }
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_log WHERE seq <= ?")) {
            delete.setLong(1, lastPurged);
            deleted = delete.executeUpdate();
        }
        writeHead(connection, new Head(head.lastSeq(), head.lastHash(), lastPurged, checkpointHash, null));
        return new Purge(head.purgedSeq() + 1, lastPurged, deleted, checkpointHash);
    }

    /** The head row; {@code lock} takes its row lock until the transaction ends. */
    static Head head(Connection connection, boolean lock) throws SQLException {
        String sql = "SELECT last_seq, last_hash, purged_seq, purged_hash, seal FROM audit_chain_head WHERE id = 1"
                + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5));
        }
    }

    private void writeHead(Connection connection, Head head) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE audit_chain_head SET last_seq = ?, "
                + "last_hash = ?, purged_seq = ?, purged_hash = ?, seal = ? WHERE id = 1")) {
            update.setLong(1, head.lastSeq());
            update.setString(2, head.lastHash());
            update.setLong(3, head.purgedSeq());
            update.setString(4, head.purgedHash());
            update.setString(5, key.seal(canonical(head)));
            update.executeUpdate();
        }
    }

    /** Whether the head's seal is valid (the untouched initial row has none). */
    boolean headIsSealed(Head head) {
        return head.seal() == null ? head.isInitial() : key.verifies(canonical(head), head.seal());
    }

    boolean verifies(AuditEntry entry, long asSeq) {
        return key.verifies(canonical(asSeq, entry.at(), entry.actor(), entry.action(), entry.resource(),
                entry.purpose(), entry.outcome(), entry.origin(), entry.detail(), entry.prevHash()), entry.hash());
    }

    /**
     * The bytes an entry's hash is computed over: a format tag, then seq and time (epoch
     * microseconds) as 8-byte integers, then every field as a 4-byte length and its UTF-8 bytes (-1
     * for null). Length prefixes make the encoding unambiguous: no two different entries encode
     * alike, whatever characters their fields hold.
     */
    static byte[] canonical(long seq, Instant at, String actor, String action, String resource, String purpose,
            AuditOutcome outcome, String origin, String detail, String prevHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, ENTRY_FORMAT);
            out.writeLong(seq);
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, at));
            field(out, actor);
            field(out, action);
            field(out, resource);
            field(out, purpose);
            field(out, outcome == null ? null : outcome.name());
            field(out, origin);
            field(out, detail);
            field(out, prevHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] canonical(Head head) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(200);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, HEAD_FORMAT);
            out.writeLong(head.lastSeq());
            field(out, head.lastHash());
            out.writeLong(head.purgedSeq());
            field(out, head.purgedHash());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
