package dev.anshin.fraud;

import dev.anshin.fraud.rules.RuleBook;
import org.springframework.stereotype.Component;

/**
 * What other modules may know of the decision rules without the rule book itself: whether any rule
 * was ever set (the demo adds its example rules only to a rule book never written to).
 */
@Component
public class DecisionRules {

    private final RuleBook rules;

    DecisionRules(RuleBook rules) {
        this.rules = rules;
    }

    /** The rule set's version: 0 before the first rule was ever added. */
    public int ruleSetVersion() {
        return rules.ruleSetVersion();
    }
}
