package dev.anshin.demo;

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
        return body + luhnCheckDigit(body);
    }

    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
