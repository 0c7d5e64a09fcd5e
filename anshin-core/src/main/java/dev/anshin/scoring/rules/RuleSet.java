package dev.anshin.scoring.rules;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/** An immutable, versioned set of rules, swapped atomically when rules change. */
public record RuleSet(int version, List<Rule> rules) {

    public static final RuleSet EMPTY = new RuleSet(0, List.of());

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** The enabled rules that match, in rule order. */
    public List<RuleHit> evaluate(Authorization authorization, FeatureVector features) {
        List<RuleHit> hits = null;
        for (Rule rule : rules) {
            if (rule.enabled() && rule.condition().matches(authorization, features)) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                hits.add(new RuleHit(rule.id(), rule.version(), rule.action(), rule.description()));
            }
        }
        // Most authorizations match no rule: don't allocate for them.
        return hits == null ? List.of() : hits;
    }
}
