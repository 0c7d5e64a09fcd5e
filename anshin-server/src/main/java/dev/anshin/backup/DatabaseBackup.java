package dev.anshin.backup;

import dev.anshin.fraud.DecisionLogBackup;
import dev.anshin.privacy.ErasureJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Writes a database backup archive: the database snapshot and the decision log as one consistent
 * pair, how far the erasure journal went, and the manifest. The running server does it with its own
 * decision log ({@link LiveBackup}); the command line, with the server stopped, with the log's
 * folder ({@link #stoppedServerLog}).
 */
public final class DatabaseBackup {

    /** Opens a connection to the database being backed up. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private DatabaseBackup() {
    }

    /**
     * Writes the archive to {@code out}.
     *
     * @param journal the erasure journal, or null when there is none yet
     * @param scratch a folder on the database's machine for H2's backup file
     */
    public static BackupManifest write(OutputStream out, Connections connections, DecisionLogBackup decisionLog,
            ErasureJournal journal, Path scratch, Instant at) throws Exception {
        BackupArchive.Writer archive = new BackupArchive.Writer(out);
        List<String> segments = new ArrayList<>();
        BackupManifest.Database database = decisionLog.backUp(() -> {
            try (Connection connection = connections.open()) {
                return DatabaseExport.export(connection, archive, scratch);
            }
        }, (name, length, bytes) -> {
            archive.write("decision-log/" + name, to -> {
                long copied = bytes.transferTo(to);
                if (copied != length) {
                    throw new IOException("decision log segment " + name + " ended after " + copied + " of " + length
                            + " bytes (the server is stopping?)");
                }
            });
            segments.add(name);
        });
        // Read after the snapshot: every erasure the snapshot holds is in the journal by then.
        List<ErasureJournal.Entry> erasures = journal == null ? List.of() : journal.entries();
        BackupManifest manifest = new BackupManifest(BackupManifest.DATABASE, BackupManifest.FORMAT, at, database,
                new BackupManifest.DecisionLog(segments),
                new BackupManifest.ErasureJournalMark(erasures.size(),
                        erasures.isEmpty() ? null : erasures.get(erasures.size() - 1).seal()),
                List.of());
        archive.finish(manifest);
        archive.close();
        return manifest;
    }

    /**
     * The decision log of a stopped server: nothing appends to it or deletes from it, so the snapshot
     * and every segment in the folder are a consistent pair as they are.
     */
    public static DecisionLogBackup stoppedServerLog(Path directory) {
        return new DecisionLogBackup() {
            @Override
            public <T> T backUp(Callable<T> databaseSnapshot, Segments segments) throws Exception {
                T snapshot = databaseSnapshot.call();
                if (!Files.isDirectory(directory)) {
                    return snapshot;
                }
                List<Path> files;
                try (Stream<Path> listed = Files.list(directory)) {
                    files = listed.filter(f -> f.getFileName().toString().matches("decisions-\\d{20}\\.log")).sorted()
                            .toList();
                }
                for (Path file : files) {
                    try (InputStream in = Files.newInputStream(file)) {
                        segments.copy(file.getFileName().toString(), Files.size(file), in);
                    }
                }
                return snapshot;
            }
        };
    }
}
