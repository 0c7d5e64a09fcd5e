package dev.anshin.scoring.rules;

/** A rule that matched one authorization. */
public record RuleHit(String ruleId, int ruleVersion, RuleAction action, String description) {
}
