package dev.anshin.handbook;

import java.time.LocalDate;

/**
 * Parameters of the Handbook's transaction simulator (DOMAIN.md §2); {@link #defaults()} are the
 * book's published run.
 */
public record SimulatorParameters(int customers, int terminals, int days, LocalDate startDate, double radius,
        long seed) {

    public static SimulatorParameters defaults() {
        return new SimulatorParameters(5_000, 10_000, 183, LocalDate.of(2018, 4, 1), 5.0, 0L);
    }
}
