package dev.anshin.backup;

import dev.anshin.audit.AuditKey;
import dev.anshin.audit.AuditVerification;
import dev.anshin.audit.AuditVerifier;
import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.privacy.ErasureJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Restores a database backup into an empty H2 data folder or an empty PostgreSQL database, with the
 * server stopped, and leaves it ready to start (ADR 0009):
 *
 * <ol>
 *   <li>the archive is read whole and every file checked against the manifest's SHA-256;</li>
 *   <li>the erasure journal (next to the keys) must be there, and hold the last erasure the backup
 *       knew of: a missing or older journal lacks every erasure made after the backup, and those
 *       customers would come back;</li>
 *   <li>the target must be empty (or {@code force}, and not in use);</li>
 *   <li>the database is put back (H2: its file; PostgreSQL: the schema of the backup's version by
 *       Flyway, then the data with COPY and the sequences, in one transaction), and the decision
 *       log's segments next to it, so the first start indexes the decisions only they held;</li>
 *   <li>the erasure journal is replayed: the wrapped key of every journalled customer the backup
 *       still held is deleted at once, and the first start completes their erasure, audited;</li>
 *   <li>the audit chain is verified when its key is at hand.</li>
 * </ol>
 */
public final class Restore {

    private static final Pattern SEGMENT = Pattern.compile("decision-log/(decisions-\\d{20}\\.log)");
    private static final Pattern H2_FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.mv\\.db");

    /**
     * Where to restore to.
     *
     * @param dataDirectory        H2: the server's data folder (its database file goes here)
     * @param decisionLogDirectory the server's decision log folder
     * @param postgresUrl          PostgreSQL: the target database's JDBC URL (null for H2)
     * @param user                 its user
     * @param password             its password (may be empty)
     * @param keysDirectory        the server's key folder: the erasure journal's key and the audit key
     * @param erasureJournal       the erasure journal (anshin.privacy.erasure-journal-file), null for the one
     *                             in the keys folder
     * @param erasureJournalKeyset the journal's key when given inline (ANSHIN_ERASURE_JOURNAL_KEYSET), else null
     * @param auditKeyset          the audit key when given inline (ANSHIN_AUDIT_KEYSET), else null
     */
    public record Target(Path dataDirectory, Path decisionLogDirectory, String postgresUrl, String user, String password,
            Path keysDirectory, Path erasureJournal, String erasureJournalKeyset, String auditKeyset) {

        public Target {
            if (erasureJournal == null) {
                erasureJournal = keysDirectory.resolve("erasure-journal.log");
            }
        }

        boolean postgres() {
            return postgresUrl != null;
        }

        String h2Url() {
            return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("anshin") + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        }

        Connection connect() throws SQLException {
            return postgres() ? DriverManager.getConnection(postgresUrl, user, password == null ? "" : password)
                    : DriverManager.getConnection(h2Url(), "sa", "");
        }
    }

    /**
     * @param force                     overwrite a target that is not empty (never one in use)
     * @param acceptStaleErasureJournal go on with an erasure journal older than the backup (customers
     *                                  erased after the backup would come back: only when that journal
     *                                  is truly lost)
     * @param withoutErasureJournal     go on although there is no erasure journal at all (every customer
     *                                  erased after the backup would come back: only when it is truly lost)
     */
    public record Options(boolean force, boolean acceptStaleErasureJournal, boolean withoutErasureJournal) {

        /** Nothing overridden: the restore refuses whatever could bring erased customers back. */
        public static Options safe() {
            return new Options(false, false, false);
        }
    }

    /** Why a restore without the erasure journal is refused, and what {@code --without-erasure-journal} accepts. */
    public static final String WITHOUT_JOURNAL_RISK = "without it, the restore cannot tell which customers were "
            + "erased after this backup was taken, and they would come back: their personal data readable again, "
            + "against their erasure";

    /**
     * What the restore did.
     *
     * @param manifest      the backup's manifest
     * @param keysShredded  customers erased after the backup whose keys were deleted again; the first start
     *                      completes their erasure
     * @param audit         the restored audit chain's verification (null without the audit key)
     */
    public record Outcome(BackupManifest manifest, List<String> keysShredded, AuditVerification audit) {
    }

    private Restore() {
    }

    public static Outcome run(Path archive, Target target, Options options, Consumer<String> progress) {
        progress.accept("checking " + archive.getFileName() + " against its manifest");
        BackupManifest manifest = BackupArchive.verify(archive, BackupManifest.DATABASE);
        BackupManifest.Database database = manifest.database();
        checkSchemaVersion(database.schemaVersion());
        boolean h2Backup = BackupManifest.Database.H2.equals(database.product());
        if (h2Backup == target.postgres()) {
            throw new BackupRefused("this is a backup of " + database.product() + "; restore it into "
                    + (h2Backup ? "an H2 data folder (--data-dir, no --database-url)" : "a PostgreSQL database (--database-url)")
                    + ".");
        }
        ErasureJournal journal = checkErasureJournal(manifest, target, options);
        checkEmpty(target, options);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (h2Backup) {
                progress.accept("putting back the H2 database in " + target.dataDirectory());
                restoreH2(zip, database, target);
            } else {
                progress.accept("making the schema (version " + database.schemaVersion() + ") and loading "
                        + database.tables().size() + " tables into " + target.postgresUrl());
                restorePostgresql(zip, database, target, options);
            }
            progress.accept("putting back " + manifest.decisionLog().segments().size() + " decision log segments in "
                    + target.decisionLogDirectory());
            restoreDecisionLog(zip, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore from " + archive + ": " + e, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore into the database: " + e.getMessage(), e);
        }
        try (Connection connection = target.connect()) {
            List<String> shredded = journal == null ? List.of() : journal.shredKeys(connection);
            if (!shredded.isEmpty()) {
                progress.accept(shredded.size() + " customers erased after this backup: their keys are deleted again; "
                        + "the first start completes their erasure before it takes requests");
            }
            return new Outcome(manifest, shredded, verifyAudit(connection, target, progress));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the restored database: " + e.getMessage(), e);
        }
    }

    /** The newest migration this build carries: a backup of a newer schema needs the newer Anshin. */
    private static void checkSchemaVersion(String backedUp) {
        MigrationVersion newest = MigrationVersion.EMPTY;
        try {
            for (Resource migration : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/migration/V*__*.sql")) {
                String name = migration.getFilename();
                MigrationVersion version = MigrationVersion.fromVersion(name.substring(1, name.indexOf("__"))
                        .replace('_', '.'));
                if (version.isNewerThan(newest)) {
                    newest = version;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (MigrationVersion.fromVersion(backedUp).isNewerThan(newest)) {
            throw new BackupRefused("this backup is at schema version " + backedUp + ", newer than this Anshin knows ("
                    + newest + "): restore it with the Anshin version that took it, or a newer one.");
        }
    }

    private static ErasureJournal checkErasureJournal(BackupManifest manifest, Target target, Options options) {
        Path keys = target.keysDirectory();
        if (!Files.exists(target.erasureJournal())) {
            if (options.withoutErasureJournal()) {
                return null;
            }
            throw new BackupRefused("there is no erasure journal at " + target.erasureJournal() + ": "
                    + WITHOUT_JOURNAL_RISK + ". Restore the keys backup first (anshin restore keys; it holds the "
                    + "journal), or name the journal with --erasure-journal if anshin.privacy.erasure-journal-file "
                    + "puts it elsewhere (see docs/operations.md). Only if every copy of it is lost, go on with "
                    + "--without-erasure-journal.");
        }
        ErasureJournal journal = ErasureJournal.openExisting(target.erasureJournal(), target.erasureJournalKeyset(),
                keys.resolve("erasure-journal-keyset.json")).orElse(null);
        BackupManifest.ErasureJournalMark mark = manifest.erasureJournal();
        if (mark == null || mark.lastSeal() == null || options.acceptStaleErasureJournal()) {
            return journal;
        }
        boolean holdsMark = journal != null
                && journal.entries().stream().anyMatch(entry -> entry.seal().equals(mark.lastSeal()));
        if (!holdsMark) {
            throw new BackupRefused("the erasure journal " + target.erasureJournal() + " is older than this backup (the backup knew of "
                    + mark.entries() + " erasures): it lacks erasures made after the backup too, and those customers "
                    + "would come back. Put the newest copy of the erasure journal there first (and its key in " + keys
                    + ", from the keys backup; see docs/operations.md); only if every newer copy is lost, go on with "
                    + "--accept-stale-erasure-journal.");
        }
        return journal;
    }

    private static void checkEmpty(Target target, Options options) {
        List<Path> segments = segments(target.decisionLogDirectory());
        if (target.postgres()) {
            try (Connection connection = target.connect()) {
                List<String> tables = tables(connection);
                if (!tables.isEmpty()) {
                    if (!options.force()) {
                        throw new BackupRefused("the database " + target.postgresUrl() + " is not empty (" + tables.size()
                                + " tables). Restore into an empty database, or give --force to replace what it holds.");
                    }
                    long others = otherConnections(connection);
                    if (others > 0) {
                        throw new BackupRefused("the database " + target.postgresUrl() + " is in use (" + others
                                + " other connections): stop the server before restoring over it.");
                    }
                }
            } catch (SQLException e) {
                throw new BackupRefused("cannot reach the target database " + target.postgresUrl() + ": " + e.getMessage());
            }
        } else {
            Path file = target.dataDirectory().resolve("anshin.mv.db");
            if (Files.exists(file)) {
                if (!options.force()) {
                    throw new BackupRefused("the data folder " + target.dataDirectory() + " already holds a database. "
                            + "Restore into an empty folder, or give --force to replace it.");
                }
                try (Connection inUse = target.connect()) {
                    // Opened: nobody else has it (an embedded H2 opens in one process at a time).
                } catch (SQLException e) {
                    throw new BackupRefused("the database in " + target.dataDirectory() + " cannot be opened ("
                            + e.getMessage() + "): if the server runs, stop it before restoring over it.");
                }
            }
        }
        if (!segments.isEmpty() && !options.force()) {
            throw new BackupRefused("the decision log folder " + target.decisionLogDirectory() + " holds decisions not yet "
                    + "indexed. Restore into an empty folder, or give --force to replace them.");
        }
    }

    private static void restoreH2(ZipFile zip, BackupManifest.Database database, Target target) throws IOException {
        Path directory = target.dataDirectory();
        OwnerOnlyFiles.createDirectories(directory);
        Files.deleteIfExists(directory.resolve("anshin.mv.db"));
        Files.deleteIfExists(directory.resolve("anshin.trace.db"));
        ZipEntry nested = zip.getEntry(database.h2Archive());
        int files = 0;
        try (ZipInputStream h2 = new ZipInputStream(zip.getInputStream(nested))) {
            for (ZipEntry entry = h2.getNextEntry(); entry != null; entry = h2.getNextEntry()) {
                if (!H2_FILE.matcher(entry.getName()).matches()) {
                    throw new BackupRefused("the H2 backup holds an unexpected file " + entry.getName());
                }
                // The server opens ${data-dir}/anshin, whatever the database was called where the backup was taken.
                OwnerOnlyFiles.write(directory.resolve("anshin.mv.db"), h2);
                files++;
            }
        }
        if (files != 1) {
            throw new BackupRefused("the H2 backup holds " + files + " database files, not one");
        }
    }

    private static void restorePostgresql(ZipFile zip, BackupManifest.Database database, Target target, Options options)
            throws SQLException, IOException {
        Flyway flyway = Flyway.configure()
                .dataSource(target.postgresUrl(), target.user(), target.password() == null ? "" : target.password())
                .locations("classpath:db/migration")
                .target(database.schemaVersion())
                .cleanDisabled(!options.force())
                .load();
        if (options.force()) {
            flyway.clean();
        }
        flyway.migrate();
        try (Connection connection = target.connect()) {
            Set<String> made = new TreeSet<>(tables(connection));
            made.remove(DatabaseExport.FLYWAY_TABLE);
            Set<String> backedUp = database.tables().stream().map(BackupManifest.Table::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!made.equals(backedUp)) {
                throw new BackupRefused("the backup's tables " + backedUp + " are not those of schema version "
                        + database.schemaVersion() + " " + made);
            }
            connection.setAutoCommit(false);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                try (Statement statement = connection.createStatement()) {
                    // Rows the migrations themselves inserted (the audit chain's head) come from the backup.
                    statement.execute("TRUNCATE " + database.tables().stream().map(t -> DatabaseExport.quote(t.name()))
                            .collect(Collectors.joining(", ")));
                }
                for (BackupManifest.Table table : database.tables()) {
                    long rows;
                    try (InputStream data = zip.getInputStream(zip.getEntry(table.file()))) {
                        rows = copy.copyIn("COPY " + DatabaseExport.quote(table.name()) + " ("
                                + DatabaseExport.columnList(table.columns()) + ") FROM STDIN", data);
                    }
                    if (rows != table.rows()) {
                        throw new BackupRefused("table " + table.name() + " loaded " + rows + " rows, the backup has "
                                + table.rows());
                    }
                }
                for (BackupManifest.Sequence sequence : database.sequences()) {
                    try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                        setval.setString(1, DatabaseExport.quote(sequence.name()));
                        setval.setLong(2, sequence.lastValue());
                        setval.setBoolean(3, sequence.called());
                        setval.execute();
                    }
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void restoreDecisionLog(ZipFile zip, Target target) throws IOException {
        Path directory = target.decisionLogDirectory();
        OwnerOnlyFiles.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path stale : files.filter(f -> f.getFileName().toString().matches("decisions-\\d{20}\\.log")).toList()) {
                Files.delete(stale); // checked above: empty segments, or --force
            }
        }
        for (ZipEntry entry : Collections.list(zip.entries())) {
            Matcher segment = SEGMENT.matcher(entry.getName());
            if (segment.matches()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    OwnerOnlyFiles.write(directory.resolve(segment.group(1)), in);
                }
            }
        }
    }

    private static AuditVerification verifyAudit(Connection connection, Target target, Consumer<String> progress)
            throws SQLException {
        Path keyFile = target.keysDirectory().resolve("audit-keyset.json");
        if ((target.auditKeyset() == null || target.auditKeyset().isBlank()) && !Files.exists(keyFile)) {
            progress.accept("no audit key in " + target.keysDirectory() + ": the audit chain is not verified now "
                    + "(restore the keys, then run anshin audit verify)");
            return null;
        }
        progress.accept("verifying the restored audit chain");
        return new AuditVerifier(AuditKey.load(target.auditKeyset(), keyFile)).verify(connection, checked -> { });
    }

    /** Decision log segments holding something (a clean stop leaves one empty segment behind). */
    private static List<Path> segments(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> segments = new ArrayList<>();
            for (Path file : files.toList()) {
                if (file.getFileName().toString().matches("decisions-\\d{20}\\.log") && Files.size(file) > 0) {
                    segments.add(file);
                }
            }
            return segments;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static long otherConnections(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
