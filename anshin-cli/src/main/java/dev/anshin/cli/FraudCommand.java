package dev.anshin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code anshin fraud ...}: model training and backtests. */
@Command(name = "fraud", mixinStandardHelpOptions = true,
        description = "Fraud model: train on a window of history, backtest on the Handbook protocol.",
        subcommands = { TrainCommand.class, BacktestCommand.class })
final class FraudCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
