package dev.anshin.scoring.rules;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.features.FeatureVector;
import java.util.List;
import java.util.Set;

/** What a rule tests, over the authorization and its features. */
public sealed interface Condition {

    boolean matches(Authorization authorization, FeatureVector features);

    /** A feature compared with a constant: thresholds and velocity (count features) alike. */
    record FeatureThreshold(String feature, Comparison comparison, double value) implements Condition {
        /** A missing (NaN) feature never matches: no evidence is not evidence of risk. */
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            float actual = features.value(feature);
            if (Float.isNaN(actual)) {
                return false;
            }
            // Compare in float, the features' precision: as doubles, a feature of exactly 4.8f would be
            // "greater than 4.8" because 4.8f is 4.8000001907...
            float limit = (float) value;
            return switch (comparison) {
                case GT -> actual > limit;
                case GE -> actual >= limit;
                case LT -> actual < limit;
                case LE -> actual <= limit;
                case EQ -> actual == limit;
            };
        }
    }

    /** An attribute of the authorization in a list: allow and deny lists. */
    record InList(Attribute attribute, Set<String> values) implements Condition {

        public InList {
            values = values == null ? Set.of() : Set.copyOf(values);
        }

        /** An absent attribute (no device, no IP) never matches. */
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            if (attribute == Attribute.POS_ENTRY_MODE) {
                PosEntryMode mode = authorization.posEntryMode();
                return mode != null && (values.contains(mode.code()) || values.contains(mode.name()));
            }
            String actual = attribute.of(authorization);
            return actual != null && values.contains(actual);
        }
    }

    /** All of several conditions. */
    record AllOf(List<Condition> conditions) implements Condition {

        public AllOf {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }

        /** An empty AllOf matches nothing: a rule must never match every authorization by accident. */
        @Override
        public boolean matches(Authorization authorization, FeatureVector features) {
            if (conditions.isEmpty()) {
                return false;
            }
            for (Condition condition : conditions) {
                if (!condition.matches(authorization, features)) {
                    return false;
                }
            }
            return true;
        }
    }

    enum Comparison { GT, GE, LT, LE, EQ }

    /** Attributes of an authorization that lists can hold. POS_ENTRY_MODE lists hold codes ("05") or names ("CHIP"). */
    enum Attribute {
        CARD, MERCHANT, TERMINAL, MCC, MERCHANT_COUNTRY, IP, DEVICE, POS_ENTRY_MODE, CURRENCY;

        /** The attribute's value in {@code a}, or {@code null} when absent (POS entry mode as its code). */
        public String of(Authorization a) {
            return switch (this) {
                case CARD -> a.cardToken();
                case MERCHANT -> a.merchantId();
                case TERMINAL -> a.terminalId();
                case MCC -> a.mcc();
                case MERCHANT_COUNTRY -> a.merchantCountry();
                case IP -> a.ipAddress();
                case DEVICE -> a.deviceId();
                case POS_ENTRY_MODE -> a.posEntryMode() == null ? null : a.posEntryMode().code();
                case CURRENCY -> a.currency();
            };
        }
    }
}
