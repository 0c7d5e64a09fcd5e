package dev.anshin.scoring;

/**
 * One thing that drove a decision: a model feature (with its contribution to the log-odds), a
 * rule that matched, or a reason Anshin's device module gave for the authorization's device.
 *
 * @param kind        FEATURE, RULE or DEVICE
 * @param code        feature name, rule id, or device reason code ({@code DeviceReason} name)
 * @param description short human-readable explanation (no personal data)
 * @param weight      contribution to the model's log-odds for features; 1.0 for a matched rule; 0.0 for a
 *                    device reason, which weighs only through the device features and the rules
 */
public record Reason(Kind kind, String code, String description, double weight) {

    public enum Kind { FEATURE, RULE, DEVICE }
}
