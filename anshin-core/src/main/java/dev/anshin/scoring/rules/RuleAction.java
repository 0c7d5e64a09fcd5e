package dev.anshin.scoring.rules;

/** What a matching rule asks for. ALLOW is an allow-list hit that can override the model. */
public enum RuleAction {
    ALLOW,
    REVIEW,
    DECLINE
}
