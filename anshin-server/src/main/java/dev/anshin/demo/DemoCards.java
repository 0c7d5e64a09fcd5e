package dev.anshin.demo;

import dev.anshin.problems.Luhn;

/**
 * Card numbers of the demo's simulated cardholders: a fixed test BIN, the cardholder's index and a
 * Luhn check digit. Deterministic, so the demo traffic and the load generator can address the same
 * cards without ever storing a PAN.
 */
public final class DemoCards {

    /** A BIN reserved for Anshin's demo data; not an issuer's range. */
    public static final String BIN = "498765";

    private DemoCards() {
    }

    /** The 16-digit PAN of demo card {@code index} (0-based). */
    public static String pan(int index) {
        if (index < 0 || index >= 1_000_000_000) {
            throw new IllegalArgumentException("demo card index out of range");
        }
        String body = BIN + String.format("%09d", index);
        return body + Luhn.checkDigit(body);
    }
}
