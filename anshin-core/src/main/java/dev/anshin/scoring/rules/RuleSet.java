package dev.anshin.scoring.rules;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.features.FeatureVector;
import java.util.List;

/** An immutable, versioned set of rules, swapped atomically when rules change. */
public record RuleSet(int version, List<Rule> rules) {

    public static final RuleSet EMPTY = new RuleSet(0, List.of());

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** The enabled rules that match, in rule order. */
    public List<RuleHit> evaluate(Authorization authorization, FeatureVector features) {
        throw new UnsupportedOperationException("TODO");
    }
}
