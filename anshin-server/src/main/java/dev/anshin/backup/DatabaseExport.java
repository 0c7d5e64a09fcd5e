package dev.anshin.backup;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's part of a backup, as one consistent snapshot, on a live database.
 *
 * <p>H2: {@code BACKUP TO}, which copies the database file consistently while it is in use (MVCC),
 * into a scratch folder, then into the archive as it is.
 *
 * <p>PostgreSQL: the data of every table with {@code COPY ... TO STDOUT} through the JDBC driver, all
 * in one read-only REPEATABLE READ transaction (one snapshot), plus the sequences' positions. The
 * schema is not in the backup: a restore makes it with the migrations of the backup's schema
 * version (Flyway), then loads the data. So neither machine needs {@code pg_dump}/{@code
 * pg_restore}, whose version must match the server's (an older pg_dump refuses a newer server),
 * and a backup restores wherever Anshin runs (ADR 0009).
 */
public final class DatabaseExport {

    static final String FLYWAY_TABLE = "flyway_schema_history";

    private DatabaseExport() {
    }

    /**
     * Writes the database into the archive under {@code database/}.
     *
     * @param scratch a folder on the database's machine for H2's backup file (removed afterwards)
     */
    public static BackupManifest.Database export(Connection connection, BackupArchive.Writer archive, Path scratch)
            throws SQLException, IOException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        if (product.startsWith("H2")) {
            return exportH2(connection, archive, scratch, meta.getDatabaseProductVersion());
        }
        if (product.startsWith("PostgreSQL")) {
            return exportPostgresql(connection, archive, meta.getDatabaseProductVersion());
        }
        throw new BackupRefused("cannot back up a " + product + " database: Anshin runs on H2 or PostgreSQL");
    }

    /** The last migration applied (Flyway's history table, named in lower case on both databases). */
    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\" FROM \"" + FLYWAY_TABLE + "\" WHERE \"success\" "
                        + "AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
            if (!rows.next()) {
                throw new BackupRefused("the database has no migration applied: nothing to back up");
            }
            return rows.getString(1);
        }
    }

    private static BackupManifest.Database exportH2(Connection connection, BackupArchive.Writer archive, Path scratch,
            String version) throws SQLException, IOException {
        String schemaVersion = schemaVersion(connection);
        OwnerOnlyFiles.createDirectories(scratch);
        Path folder = Files.createTempDirectory(scratch, "anshin-backup-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = folder.resolve("h2.zip");
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            String name = "database/h2-backup.zip";
            archive.store(name, file);
            return new BackupManifest.Database(BackupManifest.Database.H2, version, schemaVersion, name, List.of(),
                    List.of());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }

    private static BackupManifest.Database exportPostgresql(Connection connection, BackupArchive.Writer archive,
            String version) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            // The snapshot starts with the first statement: everything below sees one moment.
            String schemaVersion = schemaVersion(connection);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (Map.Entry<String, List<String>> table : tablesInLoadOrder(connection).entrySet()) {
                String file = "database/" + table.getKey() + ".copy";
                long[] rows = new long[1];
                archive.write(file, out -> {
                    try {
                        rows[0] = copy.copyOut("COPY " + quote(table.getKey()) + " (" + columnList(table.getValue())
                                + ") TO STDOUT", out);
                    } catch (SQLException e) {
                        throw new IOException("cannot copy table " + table.getKey(), e);
                    }
                });
                tables.add(new BackupManifest.Table(table.getKey(), table.getValue(), rows[0], file));
            }
            List<BackupManifest.Sequence> sequences = new ArrayList<>();
            for (String sequence : sequences(connection)) {
                try (Statement statement = connection.createStatement();
                        ResultSet position = statement.executeQuery("SELECT last_value, is_called FROM "
                                + quote(sequence))) {
                    position.next();
                    sequences.add(new BackupManifest.Sequence(sequence, position.getLong(1), position.getBoolean(2)));
                }
            }
            connection.commit();
            return new BackupManifest.Database(BackupManifest.Database.POSTGRESQL, version, schemaVersion, null, tables,
                    sequences);
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The application's tables (Flyway's history aside: a restore writes its own) and their columns,
     * every table after the tables its foreign keys point to, so they can be loaded in this order.
     */
    static Map<String, List<String>> tablesInLoadOrder(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                if (!table.equalsIgnoreCase(FLYWAY_TABLE)) {
                    columns.put(table, new ArrayList<>());
                }
            }
        }
        Map<String, Set<String>> references = new LinkedHashMap<>();
        for (String table : columns.keySet()) {
            try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
                while (rows.next()) {
                    columns.get(table).add(rows.getString("COLUMN_NAME"));
                }
            }
            Set<String> referenced = new LinkedHashSet<>();
            try (ResultSet rows = meta.getImportedKeys(null, schema, table)) {
                while (rows.next()) {
                    String target = rows.getString("PKTABLE_NAME");
                    if (!target.equals(table)) {
                        referenced.add(target);
                    }
                }
            }
            references.put(table, referenced);
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        while (ordered.size() < columns.size()) {
            boolean progress = false;
            for (String table : columns.keySet()) {
                if (!ordered.containsKey(table) && ordered.keySet().containsAll(references.get(table))) {
                    ordered.put(table, List.copyOf(columns.get(table)));
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle among " + columns.keySet().stream()
                        .filter(t -> !ordered.containsKey(t)).toList());
            }
        }
        return ordered;
    }

    private static List<String> sequences(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return columns.stream().map(DatabaseExport::quote).collect(Collectors.joining(", "));
    }
}
