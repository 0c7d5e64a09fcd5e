package dev.anshin.scoring.rules;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.features.FeatureVector;
import java.util.List;
import java.util.Set;

/** What a rule tests, over the authorization and its features. */
public sealed interface Condition {

    boolean matches(Authorization authorization, FeatureVector features);

    /** A feature compared with a constant: thresholds and velocity (count features) alike. */
    record FeatureThreshold(String feature, Comparison comparison, double value) implements Condition {
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            throw new UnsupportedOperationException("TODO");
        }
    }

    /** An attribute of the authorization in a list: allow and deny lists. */
    record InList(Attribute attribute, Set<String> values) implements Condition {
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            throw new UnsupportedOperationException("TODO");
        }
    }

    /** All of several conditions. */
    record AllOf(List<Condition> conditions) implements Condition {
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            throw new UnsupportedOperationException("TODO");
        }
    }

    enum Comparison { GT, GE, LT, LE, EQ }

    enum Attribute { CARD, MERCHANT, TERMINAL, MCC, MERCHANT_COUNTRY, IP, DEVICE, POS_ENTRY_MODE, CURRENCY }
}
