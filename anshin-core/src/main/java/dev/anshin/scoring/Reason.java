package dev.anshin.scoring;

/**
 * One thing that drove a decision: a model feature (with its contribution to the log-odds) or a
 * rule that matched.
 *
 * @param kind        FEATURE or RULE
 * @param code        feature name or rule id
 * @param description short human-readable explanation (no personal data)
 * @param weight      contribution to the model's log-odds for features; 1.0 for a matched rule
 */
public record Reason(Kind kind, String code, String description, double weight) {

    public enum Kind { FEATURE, RULE }
}
