package dev.anshin.voice.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Imports and their refused rows, as rows. */
@Repository
class VoiceImportStore {

    private static final String IMPORT = "SELECT id, file_sha256, file_name, encoding, status, rows_read, accepted, "
            + "already, refused, started_at, finished_at, started_by FROM voice_imports";

    private final JdbcClient jdbc;

    VoiceImportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new RUNNING import; throws DuplicateKeyException when the file was imported before. */
    void insert(VoiceImport started) {
        jdbc.sql("INSERT INTO voice_imports (id, file_sha256, file_name, encoding, status, rows_read, accepted, already, "
                        + "refused, started_at, finished_at, started_by) VALUES (?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, ?, NULL, ?)")
                .params(started.id(), started.fileSha256(), started.fileName(), started.encoding().name(),
                        Timestamp.from(started.startedAt()), started.startedBy())
                .update();
    }

    Optional<VoiceImport> find(String id) {
        return jdbc.sql(IMPORT + " WHERE id = ?").param(id).query(this::toImport).optional();
    }

    Optional<VoiceImport> bySha256(String sha256) {
        return jdbc.sql(IMPORT + " WHERE file_sha256 = ?").param(sha256).query(this::toImport).optional();
    }

    List<VoiceImport> latest(int limit) {
        return jdbc.sql(IMPORT + " ORDER BY started_at DESC, id LIMIT ?").param(limit).query(this::toImport).list();
    }

    /**
     * Takes an interrupted (or failed) import up again from its first row: counts and report start afresh, since
     * every row is read again (those stored before count as already there). False when it is not interrupted.
     */
    boolean resume(String id, ImportEncoding encoding, String by, Instant at) {
        int resumed = jdbc.sql("UPDATE voice_imports SET status = 'RUNNING', encoding = ?, rows_read = 0, accepted = 0, "
                        + "already = 0, refused = 0, started_at = ?, finished_at = NULL, started_by = ? "
                        + "WHERE id = ? AND status IN ('INTERRUPTED', 'FAILED')")
                .params(encoding.name(), Timestamp.from(at), by, id).update();
        if (resumed == 1) {
            jdbc.sql("DELETE FROM voice_import_errors WHERE import_id = ?").param(id).update();
        }
        return resumed == 1;
    }

    void progress(String id, int rowsRead, int accepted, int already, int refused) {
        jdbc.sql("UPDATE voice_imports SET rows_read = ?, accepted = ?, already = ?, refused = ? WHERE id = ?")
                .params(rowsRead, accepted, already, refused, id).update();
    }

    void finish(String id, VoiceImport.Status status, int rowsRead, int accepted, int already, int refused, Instant at) {
        jdbc.sql("UPDATE voice_imports SET status = ?, rows_read = ?, accepted = ?, already = ?, refused = ?, "
                        + "finished_at = ? WHERE id = ?")
                .params(status.name(), rowsRead, accepted, already, refused, Timestamp.from(at), id).update();
    }

    /** Marks every running import interrupted (at start-up: nothing runs yet); returns how many. */
    int interruptRunning(Instant at) {
        return jdbc.sql("UPDATE voice_imports SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING'")
                .param(Timestamp.from(at)).update();
    }

    void addErrors(String importId, List<VoiceImport.RowError> errors) {
        for (VoiceImport.RowError e : errors) {
            jdbc.sql("INSERT INTO voice_import_errors (import_id, row_number, field, reason) VALUES (?, ?, ?, ?)")
                    .params(importId, e.row(), e.field(), e.reason()).update();
        }
    }

    List<VoiceImport.RowError> errors(String importId, int limit) {
        return jdbc.sql("SELECT row_number, field, reason FROM voice_import_errors WHERE import_id = ? "
                        + "ORDER BY row_number LIMIT ?")
                .params(importId, limit).query(VoiceImportStore::toError).list();
    }

    /** Every refused row in order, one at a time (the report of a large file is not held in memory). */
    void eachError(String importId, Consumer<VoiceImport.RowError> each) {
        jdbc.sql("SELECT row_number, field, reason FROM voice_import_errors WHERE import_id = ? ORDER BY row_number")
                .param(importId).query(rs -> {
                    each.accept(toError(rs, 0));
                });
    }

    private static VoiceImport.RowError toError(ResultSet rs, int n) throws SQLException {
        return new VoiceImport.RowError(rs.getInt(1), rs.getString(2), rs.getString(3));
    }

    private VoiceImport toImport(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(11);
        return new VoiceImport(rs.getString(1), rs.getString(2), rs.getString(3), ImportEncoding.valueOf(rs.getString(4)),
                VoiceImport.Status.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                rs.getTimestamp(10).toInstant(), finished == null ? null : finished.toInstant(), rs.getString(12));
    }
}
