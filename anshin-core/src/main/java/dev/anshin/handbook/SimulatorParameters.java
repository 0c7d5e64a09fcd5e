package dev.anshin.handbook;

import java.time.LocalDate;

/**
 * Parameters of the Handbook's transaction simulator (docs/handbook-backtest.md); {@link #defaults()} are the
 * book's published run.
 *
 * @param devices the optional device layer ({@link DeviceLayer}), or {@code null} for the book's
 *                simulator without devices (the same rows, byte for byte, as before the layer existed)
 */
public record SimulatorParameters(int customers, int terminals, int days, LocalDate startDate, double radius,
        long seed, DeviceLayer devices) {

    /** The book's simulator, without devices. */
    public SimulatorParameters(int customers, int terminals, int days, LocalDate startDate, double radius, long seed) {
        this(customers, terminals, days, startDate, radius, seed, null);
    }

    /** The same parameters with {@code layer} as the device layer ({@code null}: none). */
    public SimulatorParameters withDevices(DeviceLayer layer) {
        return new SimulatorParameters(customers, terminals, days, startDate, radius, seed, layer);
    }

    public static SimulatorParameters defaults() {
        return new SimulatorParameters(5_000, 10_000, 183, LocalDate.of(2018, 4, 1), 5.0, 0L);
    }
}
