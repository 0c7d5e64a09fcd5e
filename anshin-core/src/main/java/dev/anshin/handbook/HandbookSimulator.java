package dev.anshin.handbook;

/**
 * The transaction simulator of the "Reproducible Machine Learning for Credit Card Fraud Detection"
 * Handbook, with its three fraud scenarios (DOMAIN.md §2).
 */
public final class HandbookSimulator {

    private final SimulatorParameters parameters;

    public HandbookSimulator(SimulatorParameters parameters) {
        this.parameters = parameters;
    }

    /** Runs the simulation; {@code progress} receives human-readable progress lines. */
    public Simulation run(java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("TODO");
    }
}
