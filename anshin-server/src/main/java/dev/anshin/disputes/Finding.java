package dev.anshin.disputes;

import java.util.Map;
import java.util.Objects;

/**
 * One piece of evidence the investigation found, with the weight it gave it: positive toward fraud,
 * negative toward the cardholder's own purchase, zero for information only. Written down with the
 * case so that the outcome can be explained; {@code code} names the message that tells it
 * ({@code dispute.finding.<code>}) and {@code params} fill it (never a card number or personal data).
 */
public record Finding(String code, int weight, Map<String, String> params) {

    public Finding {
        Objects.requireNonNull(code, "code");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Findings about other cardholders or the risk engine's internals: for staff, never the cardholder. */
    private static final java.util.Set<String> STAFF_ONLY = java.util.Set.of("risk-declined", "risk-high",
            "risk-elevated", "risk-low", "risk-rules-declined", "risk-rules-review", "risk-rules-only",
            "other-reports-terminal", "other-reports-merchant", "compromised-point");

    /**
     * Whether the cardholder may be shown it: only what is about their own transactions and answers
     * (a signed-in account may be a taken-over one).
     */
    public boolean forCardholder() {
        return !STAFF_ONLY.contains(code);
    }

    static Finding of(String code, int weight, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in key, value pairs");
        }
        java.util.LinkedHashMap<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new Finding(code, weight, params);
    }
}
