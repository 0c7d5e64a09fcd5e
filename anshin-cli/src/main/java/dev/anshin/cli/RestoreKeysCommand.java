package dev.anshin.cli;

import dev.anshin.backup.KeysBackup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anshin restore keys}: the key files from a keys backup into the server's key folder. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Puts the key files of a keys backup (from `anshin backup keys`) into the server's key "
                        + "folder, owner-only, after checking them against the archive's manifest. A key file that is "
                        + "there already with other content is a different key: refused unless --force (replacing a "
                        + "key makes what it protects unreadable).",
                "",
                "Exit: 0 restored, 1 refused (reason printed), 2 failed."})
final class RestoreKeysCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "The keys backup archive (anshin-keys-*.zip).")
    Path archive;

    @Option(names = "--keys-dir", defaultValue = "data",
            description = "The server's key folder, anshin.keys-dir (default: ${DEFAULT-VALUE}).")
    Path keysDir;

    @Option(names = "--force", description = "Replace key files that differ from the backup's.")
    boolean force;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        return BackupCommand.outcome(stderr, "keys restore", () -> {
            List<String> written = KeysBackup.restore(archive, keysDir, force);
            stderr.println(KeysBackup.WARNING);
            stdout.println("keys restored into " + keysDir + ": " + (written.isEmpty() ? "all were there already"
                    : String.join(", ", written)));
            return BackupCommand.DONE;
        });
    }
}
