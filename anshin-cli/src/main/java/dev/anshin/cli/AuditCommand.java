package dev.anshin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code anshin audit ...}: the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit log: verify its hash chain.",
        subcommands = { AuditVerifyCommand.class })
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
