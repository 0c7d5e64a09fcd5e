package dev.anshin.cli;

import dev.anshin.handbook.DeviceLayer;
import dev.anshin.handbook.HandbookCsv;
import dev.anshin.handbook.HandbookSimulator;
import dev.anshin.handbook.Simulation;
import dev.anshin.handbook.SimulatorParameters;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anshin simulate}: the Handbook's transaction simulator, written in the Handbook's CSV layout. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates transactions with the Fraud Detection Handbook's simulator.",
                "",
                "Three fraud scenarios, as the book describes them. Writes TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO.",
                "Defaults are the book's published run (about 1.75 million transactions)."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, required = true, description = "CSV file to write.")
    Path out;

    @Option(names = "--customers", defaultValue = "5000", description = "Customers, one card each (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--terminals", defaultValue = "10000", description = "Terminals (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--days", defaultValue = "183", description = "Days to simulate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2018-04-01", description = "First day (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--radius", defaultValue = "5", description = "Radius of the terminals a customer uses (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--card-not-present-share", description = {"Turns on the device layer (not in the book): this "
            + "share of transactions, 0 to 1, is made online from a device, written in a DEVICE_ID column.",
            "Customers use 1 to 3 devices of their own; online frauds come from fraudsters' devices."})
    Double cardNotPresentShare;

    @Option(names = "--fraud-device-reuse", defaultValue = "0",
            description = "With the device layer: probability, 0 to 1, that a fraudster uses a device of an earlier "
                    + "victim for a new one (0 = never; default: ${DEFAULT-VALUE}).")
    double fraudDeviceReuse;

    @Override
    public Integer call() {
        Progress progress = new Progress();
        SimulatorParameters parameters = new SimulatorParameters(customers, terminals, days, start, radius, seed,
                cardNotPresentShare == null ? null : new DeviceLayer(cardNotPresentShare, fraudDeviceReuse));
        Simulation simulation = new HandbookSimulator(parameters).run(progress);
        long frauds = simulation.transactions().stream().filter(t -> t.fraud()).count();
        progress.accept(String.format("writing %,d transactions (%,d frauds) to %s", simulation.transactions().size(),
                frauds, out));
        HandbookCsv.write(out, simulation);
        System.out.printf("%s: %,d transactions, %,d frauds (%.2f%%)%n", out, simulation.transactions().size(), frauds,
                100.0 * frauds / Math.max(1, simulation.transactions().size()));
        return 0;
    }
}
