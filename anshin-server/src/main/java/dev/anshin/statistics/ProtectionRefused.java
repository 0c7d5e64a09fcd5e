package dev.anshin.statistics;

/**
 * A statistics request the protection refuses (a k below the floor, an ε out of range, an unknown
 * dimension): names the offending field, never a value drawn from the data.
 */
public class ProtectionRefused extends RuntimeException {

    private final String field;

    public ProtectionRefused(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
