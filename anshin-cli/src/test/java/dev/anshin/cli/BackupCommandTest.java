package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.audit.AuditChain;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditKey;
import dev.anshin.audit.AuditOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code anshin backup} and {@code anshin restore} offline, on an H2 data folder laid out as the
 * server's (its migrations, audit entries sealed with its key, a decision log segment). The backup of
 * a running server goes through the same archive code ({@code BackupRestoreDrillIntegrationTest}).
 */
class BackupCommandTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Path data;
    private final byte[] segment = "logged decisions, opaque to the backup".getBytes();

    @BeforeEach
    void serverWithData() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        data = root.resolve("data");
        Files.createDirectories(data.resolve("decision-log"));
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("anshin");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        AuditChain chain = new AuditChain(AuditKey.loadOrCreate(null, data.resolve("audit-keyset.json")));
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (int i = 0; i < 3; i++) {
                chain.append(connection, new AuditEvent("alice", "customer.read", "customer/c-" + i, "service",
                        AuditOutcome.SUCCESS, "10.0.0.1", null), Instant.now());
            }
        }
        Files.write(data.resolve("decision-log/decisions-00000000000000000007.log"), segment);
        // A server makes its (empty) erasure journal at first start.
        Files.createFile(data.resolve("erasure-journal.log"));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int anshin(String... args) {
        return new CommandLine(new AnshinCommand()).execute(args);
    }

    private Path onlyBackupIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> backups = files.toList();
            assertThat(backups).hasSize(1);
            return backups.get(0);
        }
    }

    @Test
    void anOfflineBackupRestoresIntoAnEmptyFolderWithItsDecisionLogAndAnIntactAuditChain() throws Exception {
        assertThat(anshin("backup", "--data-dir", data.toString(), "--out", root.resolve("backups").toString()))
                .as(err.toString()).isZero();
        Path archive = onlyBackupIn(root.resolve("backups"));
        assertThat(archive.getFileName().toString()).startsWith("anshin-backup-").endsWith(".zip");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(out.toString()).containsPattern("H2 database, schema version \\d+, 1 decision log segments");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.getEntry("manifest.json")).isNotNull();
            assertThat(zip.stream().map(e -> e.getName())).noneMatch(name -> name.contains("keyset"));
        }

        Path restored = root.resolve("restored");
        assertThat(anshin("restore", "--from", archive.toString(), "--data-dir", restored.toString(),
                "--keys-dir", data.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("audit log intact: 3 entries");
        assertThat(restored.resolve("decision-log/decisions-00000000000000000007.log")).hasBinaryContent(segment);
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + restored.toAbsolutePath().resolve("anshin") + ";IFEXISTS=TRUE", "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM audit_log")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void aRestoreOverADatabaseIsRefusedUnlessForced() throws Exception {
        anshin("backup", "--data-dir", data.toString(), "--out", root.resolve("backups").toString());
        Path archive = onlyBackupIn(root.resolve("backups"));

        assertThat(anshin("restore", "--from", archive.toString(), "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already holds a database").contains("--force");

        assertThat(anshin("restore", "--from", archive.toString(), "--data-dir", data.toString(), "--force"))
                .as(err.toString()).isZero();
    }

    @Test
    void aRestoreWithoutAnErasureJournalIsRefusedUnlessThatIsAskedForWithAWarning() throws Exception {
        anshin("backup", "--data-dir", data.toString(), "--out", root.resolve("backups").toString());
        Path archive = onlyBackupIn(root.resolve("backups"));
        Path keysWithoutJournal = Files.createDirectories(root.resolve("keys-without-journal"));
        Files.copy(data.resolve("audit-keyset.json"), keysWithoutJournal.resolve("audit-keyset.json"));

        assertThat(anshin("restore", "--from", archive.toString(), "--data-dir", root.resolve("refused").toString(),
                "--keys-dir", keysWithoutJournal.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no erasure journal at " + keysWithoutJournal.toAbsolutePath())
                .contains("would come back").contains("--without-erasure-journal");
        assertThat(root.resolve("refused/anshin.mv.db")).doesNotExist();

        err.reset();
        assertThat(anshin("restore", "--from", archive.toString(), "--data-dir", root.resolve("restored").toString(),
                "--keys-dir", keysWithoutJournal.toString(), "--without-erasure-journal")).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("WARNING: restoring without the erasure journal").contains("would come back");
        assertThat(root.resolve("restored/anshin.mv.db")).exists();
    }

    @Test
    void keysAreBackedUpApartWithAWarningAndNeverBesideADatabaseBackup() throws Exception {
        anshin("backup", "--data-dir", data.toString(), "--out", root.resolve("backups").toString());

        assertThat(anshin("backup", "keys", "--keys-dir", data.toString(), "--out", root.resolve("backups").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("refusing to write keys");

        assertThat(anshin("backup", "keys", "--keys-dir", data.toString(), "--out", root.resolve("vault").toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString()).contains("losing them").contains("loses the data");
        Path keys = onlyBackupIn(root.resolve("vault"));
        try (ZipFile zip = new ZipFile(keys.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList())
                    .contains("keys/audit-keyset.json", "manifest.json")
                    .noneMatch(name -> name.contains("mv.db") || name.contains("decision"));
        }
    }

    @Test
    void restoringKeysNeverReplacesADifferentKeyUnlessForced() throws Exception {
        anshin("backup", "keys", "--keys-dir", data.toString(), "--out", root.resolve("vault").toString());
        Path keys = onlyBackupIn(root.resolve("vault"));
        Path other = root.resolve("other-keys");
        AuditKey.loadOrCreate(null, other.resolve("audit-keyset.json")); // another key under the same name

        assertThat(anshin("restore", "keys", "--from", keys.toString(), "--keys-dir", other.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("holds other keys under the same names [audit-keyset.json]");

        assertThat(anshin("restore", "keys", "--from", keys.toString(), "--keys-dir", other.toString(), "--force"))
                .isZero();
        assertThat(other.resolve("audit-keyset.json")).hasSameBinaryContentAs(data.resolve("audit-keyset.json"));
    }
}
