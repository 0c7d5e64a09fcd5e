package dev.anshin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code anshin} launcher. */
@Command(name = "anshin", mixinStandardHelpOptions = true, version = "Anshin 0.1.0",
        description = "Anshin (安心): real-time fraud scoring and trust platform for card issuers.",
        subcommands = {
                DemoCommand.class,
                ServeCommand.class,
                SimulateCommand.class,
                FraudCommand.class,
                LoadTestCommand.class,
                AuditCommand.class,
                PrivacyCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                KeysCommand.class,
                TotpCommand.class,
                ScreeningCommand.class,
                CommandLine.HelpCommand.class })
public final class AnshinCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new AnshinCommand()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
