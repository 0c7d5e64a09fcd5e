package dev.anshin.cli;

import dev.anshin.backup.KeysBackup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anshin backup keys}: the key files, into an archive of their own, apart from the database backups. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Backs up every key file (card tokens, PAN vault, master and blind-index keys, audit seal, "
                        + "portal keys, the erasure journal and its key) into an owner-only archive.",
                "",
                "LOSING THE KEYS LOSES THE DATA: stored card numbers and personal data cannot be read, card "
                        + "tokens cannot be computed again, the audit log cannot be verified - in every database "
                        + "backup too. Store this archive on other media than the database backups, held by other "
                        + "people. It is refused in a folder holding a database backup.",
                "Keys given in the environment (ANSHIN_*_KEYSET) live in your secret store: back that up.",
                "",
                "Exit: 0 written and checked, 1 refused (reason printed), 2 failed."})
final class BackupKeysCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder the archive goes into (not one with database backups).")
    Path out;

    @Option(names = "--keys-dir", defaultValue = "data",
            description = "The server's key folder, anshin.keys-dir (default: ${DEFAULT-VALUE}).")
    Path keysDir;

    Supplier<Map<String, String>> environment = System::getenv;
    Clock clock = Clock.systemUTC();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        return BackupCommand.outcome(stderr, "keys backup", () -> {
            KeysBackup.Outcome outcome = KeysBackup.write(keysDir, out, environment.get(), clock.instant());
            stderr.println(KeysBackup.WARNING);
            stdout.println("keys backup written and checked: " + outcome.archive());
            outcome.files().forEach(file -> stdout.println("  " + file));
            if (!outcome.keysInEnvironment().isEmpty()) {
                stdout.println("  given in the environment, so NOT in this archive (back up your secret store): "
                        + String.join(", ", outcome.keysInEnvironment()));
            }
            return BackupCommand.DONE;
        });
    }
}
