package dev.anshin.cli;

import dev.anshin.audit.AuditVerification;
import dev.anshin.backup.Restore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anshin restore}: a database backup into an empty data folder or database, the server stopped. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a database backup (from `anshin backup`) with the server stopped, and leaves the "
                        + "instance ready to start. Restore the keys first (`anshin restore keys`): the erasure "
                        + "journal among them decides who stays erased.",
                "",
                "  1. checks every file of the archive against its manifest (SHA-256);",
                "  2. refuses a missing erasure journal, or one older than the backup (customers erased "
                        + "since would come back), and a target that is not empty (unless --force; never one in use);",
                "  3. puts back the database (H2: --data-dir; PostgreSQL: --database-url, schema by Flyway "
                        + "at the backup's version, then the data) and the decision log;",
                "  4. deletes again the keys of customers erased after the backup (the first start completes "
                        + "their erasure, audited, before it takes requests);",
                "  5. verifies the restored audit chain when the audit key is in --keys-dir.",
                "",
                "Exit: 0 restored, 1 refused or audit chain broken (reason printed), 2 failed or a usage "
                        + "error."},
        subcommands = { RestoreKeysCommand.class })
final class RestoreCommand implements Callable<Integer> {

    // Not required by picocli: a required option here would be asked of `restore keys` too.
    @Option(names = "--from", description = "The backup archive (anshin-backup-*.zip); required.")
    Path archive;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "The server's data folder (H2 database, decision log) (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "PostgreSQL: the target database (empty), e.g. jdbc:postgresql://127.0.0.1:5432/anshin")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "postgres",
            description = "Database user (default: ${DEFAULT-VALUE}; password from ANSHIN_DATABASE_PASSWORD).")
    String databaseUser;

    @Option(names = "--decision-log-dir", description = "The server's decision log (default: DATA-DIR/decision-log).")
    Path decisionLogDir;

    @Option(names = "--keys-dir", description = "The server's key folder, restored first (default: DATA-DIR).")
    Path keysDir;

    @Option(names = "--erasure-journal", description = "The erasure journal, if anshin.privacy.erasure-journal-file "
            + "puts it elsewhere (default: KEYS-DIR/erasure-journal.log).")
    Path erasureJournal;

    @Option(names = "--force", description = "Replace what a non-empty target holds (never while the server runs).")
    boolean force;

    @Option(names = "--accept-stale-erasure-journal",
            description = "Go on although the erasure journal is older than the backup: customers erased after the "
                    + "backup may come back. Only when the newer journal is truly lost.")
    boolean acceptStaleJournal;

    @Option(names = "--without-erasure-journal",
            description = "Go on although there is no erasure journal at all: every customer erased after the backup "
                    + "would come back. Only when every copy of the journal is truly lost.")
    boolean withoutJournal;

    @Spec
    CommandSpec spec;

    Function<String, String> environment = System::getenv;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        if (archive == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--from=<archive>'");
        }
        Path keys = keysDir != null ? keysDir : dataDir;
        Restore.Target target = new Restore.Target(dataDir,
                decisionLogDir != null ? decisionLogDir : dataDir.resolve("decision-log"), databaseUrl, databaseUser,
                environment.apply("ANSHIN_DATABASE_PASSWORD"), keys, erasureJournal,
                environment.apply("ANSHIN_ERASURE_JOURNAL_KEYSET"),
                environment.apply("ANSHIN_AUDIT_KEYSET"));
        return BackupCommand.outcome(stderr, "restore", () -> {
            if (withoutJournal && !Files.exists(target.erasureJournal())) {
                stderr.println("WARNING: restoring without the erasure journal (" + target.erasureJournal() + "): "
                        + Restore.WITHOUT_JOURNAL_RISK + ". Erase them again once you know who they are.");
            }
            Restore.Outcome outcome = Restore.run(archive, target,
                    new Restore.Options(force, acceptStaleJournal, withoutJournal),
                    line -> stdout.println("  " + line));
            stdout.printf("restored the backup of %s (%s, schema version %s)%n", outcome.manifest().createdAt(),
                    outcome.manifest().database().product(), outcome.manifest().database().schemaVersion());
            AuditVerification audit = outcome.audit();
            if (audit != null && !audit.intact()) {
                stderr.printf("the restored audit log is BROKEN at seq %d: %s (%s)%n", audit.brokenSeq(), audit.reason(),
                        audit.explanation());
                return BackupCommand.REFUSED;
            }
            if (audit != null) {
                stdout.printf("audit log intact: %,d entries (seq %d to %d), last hash %s%n", audit.entriesChecked(),
                        audit.firstSeq(), audit.lastSeq(), audit.lastHash());
            }
            stdout.println("ready to start: anshin serve --data-dir " + dataDir
                    + (databaseUrl != null ? " --database-url " + databaseUrl : "")
                    + (keysDir != null ? " --anshin.keys-dir=" + keysDir : "")
                    + (decisionLogDir != null ? " --anshin.fraud.decision-log.directory=" + decisionLogDir : "")
                    + (erasureJournal != null ? " --anshin.privacy.erasure-journal-file=" + erasureJournal : ""));
            return BackupCommand.DONE;
        });
    }
}
