package dev.anshin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code anshin screening ...}: the screening that prevents over-indebtedness, by hand. */
@Command(name = "screening", mixinStandardHelpOptions = true,
        description = "Credit screening: the payment capacity of the Installment Sales Act, for checking by hand.",
        subcommands = { ScreeningCapacityCommand.class })
final class ScreeningCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
