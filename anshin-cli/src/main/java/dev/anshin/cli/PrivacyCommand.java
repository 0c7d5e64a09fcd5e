package dev.anshin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code anshin privacy ...}: the personal-data vault. */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Personal-data vault: its master keyset.",
        subcommands = { MasterKeyCommand.class })
final class PrivacyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
