package dev.anshin.fraud;

import dev.anshin.fraud.rules.RuleBook;
import org.springframework.stereotype.Component;

/**
 * What other modules may know of the decision rules without the rule book itself: whether a rule was
 * ever set (the demo adds each of its example rules only once, never again after an administrator
 * deleted it).
 */
@Component
public class DecisionRules {

    private final RuleBook rules;

    DecisionRules(RuleBook rules) {
        this.rules = rules;
    }

    /** Whether a rule of this id was ever set, a deleted one included. */
    public boolean everSet(String id) {
        return rules.history().stream().anyMatch(version -> version.id().equals(id));
    }

    /** The rule set's version: 0 before the first rule was ever added. */
    public int ruleSetVersion() {
        return rules.ruleSetVersion();
    }
}
