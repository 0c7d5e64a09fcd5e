package dev.anshin.scoring.rules;

/**
 * A named, versioned rule.
 *
 * @param id        stable id, e.g. "velocity-card-1h"
 * @param version   increases with every change
 * @param description what the rule is for, shown as the reason when it matches
 * @param action    what a match asks for
 * @param condition when it matches
 * @param enabled   disabled rules are kept but not applied
 */
public record Rule(String id, int version, String description, RuleAction action, Condition condition,
        boolean enabled) {
}
