package dev.anshin.cli;

import dev.anshin.backup.BackupArchive;
import dev.anshin.backup.BackupFiles;
import dev.anshin.backup.BackupManifest;
import dev.anshin.backup.BackupRefused;
import dev.anshin.backup.DatabaseBackup;
import dev.anshin.privacy.ErasureJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code anshin backup}: the database and the decision log as one archive, from a running server
 * ({@code --url}) or, with the server stopped, from its data folder or PostgreSQL database. The
 * keys are backed up apart ({@code anshin backup keys}).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Backs up the database and the decision log into one archive (owner-only zip with a "
                        + "manifest: what, when, schema version, SHA-256 of every file). Keys are NOT in it: back them "
                        + "up apart with `anshin backup keys`, onto other media.",
                "",
                "While the server runs (recommended): --url, with the API key of a BACKUP_OPERATOR client in "
                        + "ANSHIN_API_KEY (an https server's certificate is checked: see --ca-cert); the server takes "
                        + "a consistent snapshot of the database and its decision log (H2 and PostgreSQL alike).",
                "With the server stopped: --data-dir (H2), or --database-url (PostgreSQL) and "
                        + "--decision-log-dir. Never offline while the server runs: the decision log would not match "
                        + "the database.",
                "",
                "Exit: 0 written and checked, 1 refused (reason printed), 2 failed or a usage error."},
        subcommands = { BackupKeysCommand.class })
final class BackupCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int FAILED = 2;

    // Not required by picocli: a required option here would be asked of `backup keys` too.
    @Option(names = "--out", description = "Folder the archive goes into (made owner-only if new); required.")
    Path out;

    @Option(names = "--url", description = "A running server, e.g. https://127.0.0.1:8080")
    URI url;

    @Mixin
    ServerTrust trust = new ServerTrust();

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Server stopped: its data folder (H2 database, decision log) (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "Server stopped, on PostgreSQL: its JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/anshin")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "postgres",
            description = "Database user (default: ${DEFAULT-VALUE}; password from ANSHIN_DATABASE_PASSWORD).")
    String databaseUser;

    @Option(names = "--decision-log-dir", description = "Server stopped: its decision log (default: DATA-DIR/decision-log).")
    Path decisionLogDir;

    @Option(names = "--keys-dir", description = "Server stopped: its key folder, for the erasure journal's position "
            + "(default: DATA-DIR).")
    Path keysDir;

    @Option(names = "--erasure-journal", description = "Server stopped: the erasure journal, if "
            + "anshin.privacy.erasure-journal-file puts it elsewhere (default: KEYS-DIR/erasure-journal.log).")
    Path erasureJournal;

    @Option(names = "--keep", description = "After a good backup, delete all but the newest KEEP database backups in --out.")
    Integer keep;

    /** A backup or restore step: its exit status. */
    @FunctionalInterface
    interface Step {
        int run() throws Exception;
    }

    /** Runs a step of a backup or restore command: refused exits 1 with the reason, a failure 2. */
    static int outcome(PrintStream stderr, String what, Step step) {
        try {
            return step.run();
        } catch (BackupRefused e) {
            stderr.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (Exception e) {
            stderr.println(what + " failed: " + Failures.describe(e));
            return FAILED;
        }
    }

    @Spec
    CommandSpec spec;

    Function<String, String> environment = System::getenv;
    Clock clock = Clock.systemUTC();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=<out>'");
        }
        return outcome(stderr, "backup", () -> {
            Path archive = url != null ? fromServer() : offline();
            BackupManifest manifest = BackupArchive.verify(archive, BackupManifest.DATABASE);
            stdout.printf("backup written and checked: %s (%,d bytes)%n  %s database, schema version %s, %d decision log "
                            + "segments, %d erasures journalled%n", archive, Files.size(archive),
                    manifest.database().product(), manifest.database().schemaVersion(),
                    manifest.decisionLog().segments().size(), manifest.erasureJournal().entries());
            stdout.println("  the keys are not in it: back them up apart (anshin backup keys), onto other media");
            if (keep != null) {
                prune();
            }
            return DONE;
        });
    }

    private Path fromServer() throws IOException, InterruptedException, GeneralSecurityException {
        String apiKey = environment.apply("ANSHIN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            throw new BackupRefused("--url needs the API key of a BACKUP_OPERATOR client in ANSHIN_API_KEY");
        }
        HttpResponse<InputStream> response = trust.httpClient(url)
                .send(HttpRequest.newBuilder(url.resolve("/api/v1/backups")).header("X-Api-Key", apiKey.trim())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new BackupRefused("the server answered " + response.statusCode() + ": "
                        + new String(body.readNBytes(2_000), StandardCharsets.UTF_8));
            }
        }
        return BackupFiles.save(out, BackupManifest.DATABASE, clock.instant(), to -> {
            try (InputStream body = response.body()) {
                body.transferTo(to);
            }
        });
    }

    private Path offline() {
        Path keys = keysDir != null ? keysDir : dataDir;
        Path log = decisionLogDir != null ? decisionLogDir : dataDir.resolve("decision-log");
        String jdbcUrl = databaseUrl != null ? databaseUrl
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("anshin") + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        String user = databaseUrl != null ? databaseUser : "sa";
        String password = databaseUrl != null && environment.apply("ANSHIN_DATABASE_PASSWORD") != null
                ? environment.apply("ANSHIN_DATABASE_PASSWORD") : "";
        ErasureJournal journal = ErasureJournal.openExisting(
                erasureJournal != null ? erasureJournal : keys.resolve("erasure-journal.log"),
                environment.apply("ANSHIN_ERASURE_JOURNAL_KEYSET"), keys.resolve("erasure-journal-keyset.json"))
                .orElse(null);
        Instant at = clock.instant();
        return BackupFiles.save(out, BackupManifest.DATABASE, at, to -> {
            try {
                DatabaseBackup.write(to, () -> DriverManager.getConnection(jdbcUrl, user, password),
                        DatabaseBackup.stoppedServerLog(log), journal, dataDir, at);
            } catch (SQLException e) {
                throw new BackupRefused("cannot open the database at " + jdbcUrl + " (" + e.getMessage() + ")"
                        + (databaseUrl == null ? ": if the server runs, back up through it with --url" : ""));
            }
        });
    }

    /** Keeps the newest {@code keep} database backups of the folder (their names sort by time). */
    private void prune() {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> backups = files.filter(f -> f.getFileName().toString().startsWith(BackupFiles.DATABASE_PREFIX)
                    && f.getFileName().toString().endsWith(".zip")).sorted().toList();
            for (Path old : backups.subList(0, Math.max(0, backups.size() - Math.max(1, keep)))) {
                Files.delete(old);
                stdout.println("  deleted the older backup " + old.getFileName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune old backups in " + out, e);
        }
    }
}
