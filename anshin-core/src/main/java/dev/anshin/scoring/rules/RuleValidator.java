package dev.anshin.scoring.rules;

import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.features.FeatureSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rule before it is stored or applied, so a bad rule is refused when it is written rather
 * than failing (or silently never matching) on live traffic.
 */
public final class RuleValidator {

    private static final int MAX_ID_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern MCC = Pattern.compile("\\d{4}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private RuleValidator() {
    }

    /**
     * The problems of {@code rule}, empty when it is valid. Each problem reads
     * {@code "<field path>: <what is wrong>"}, the path in the rule's JSON shape (e.g.
     * {@code "condition.conditions[1].feature: unknown feature 'card_count_2h'"}), so the web layer
     * can name the field.
     */
    public static List<String> validate(Rule rule, FeatureSchema schema) {
        List<String> problems = new ArrayList<>();
        if (rule == null) {
            problems.add("rule: must not be null");
            return problems;
        }
        if (rule.id() == null || rule.id().isBlank()) {
            problems.add("id: must not be blank");
        } else if (rule.id().length() > MAX_ID_LENGTH || !ID.matcher(rule.id()).matches()) {
            problems.add("id: must be at most " + MAX_ID_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (rule.version() < 0) {
            problems.add("version: must not be negative");
        }
        if (rule.description() == null || rule.description().isBlank()) {
            problems.add("description: must not be blank (it is shown as the reason of a match)");
        }
        if (rule.action() == null) {
            problems.add("action: must be one of ALLOW, REVIEW, DECLINE");
        }
        condition(rule.condition(), "condition", schema, problems);
        return problems;
    }

    private static void condition(Condition condition, String path, FeatureSchema schema, List<String> problems) {
        if (condition == null) {
            problems.add(path + ": must not be null");
            return;
        }
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed type.
        if (condition instanceof Condition.FeatureThreshold t) {
            if (t.feature() == null || t.feature().isBlank()) {
                problems.add(path + ".feature: must not be blank");
            } else if (schema.indexOf(t.feature()) < 0) {
                problems.add(path + ".feature: unknown feature '" + t.feature() + "'");
            }
            if (t.comparison() == null) {
                problems.add(path + ".comparison: must be one of GT, GE, LT, LE, EQ");
            }
            if (!Double.isFinite(t.value())) {
                problems.add(path + ".value: must be a finite number");
            } else if (Math.abs(t.value()) > Float.MAX_VALUE) {
                problems.add(path + ".value: out of range for a feature value");
            }
        } else if (condition instanceof Condition.InList l) {
            if (l.attribute() == null) {
                problems.add(path + ".attribute: must be one of "
                        + Arrays.toString(Condition.Attribute.values()));
            }
            if (l.values().isEmpty()) {
                problems.add(path + ".values: must not be empty");
            }
            for (String value : l.values()) {
                String problem = listValue(l.attribute(), value);
                if (problem != null) {
                    problems.add(path + ".values: " + problem);
                }
            }
        } else if (condition instanceof Condition.AllOf all) {
            if (all.conditions().isEmpty()) {
                problems.add(path + ".conditions: must not be empty");
            }
            for (int i = 0; i < all.conditions().size(); i++) {
                condition(all.conditions().get(i), path + ".conditions[" + i + "]", schema, problems);
            }
        }
    }

    /** Values that could never equal what an authorization carries are mistakes, not dead entries. */
    private static String listValue(Condition.Attribute attribute, String value) {
        if (value.isBlank()) {
            return "must not hold a blank value";
        }
        if (attribute == null) {
            return null;
        }
        return switch (attribute) {
            case MCC -> MCC.matcher(value).matches() ? null : "'" + value + "' is not a four-digit MCC";
            case MERCHANT_COUNTRY -> COUNTRY.matcher(value).matches()
                    ? null : "'" + value + "' is not an ISO 3166-1 alpha-2 country code in capitals";
            case CURRENCY -> CURRENCY.matcher(value).matches()
                    ? null : "'" + value + "' is not an ISO 4217 currency code in capitals";
            case POS_ENTRY_MODE -> posEntryMode(value);
            default -> null;
        };
    }

    private static String posEntryMode(String value) {
        for (PosEntryMode mode : PosEntryMode.values()) {
            if (mode.code().equals(value) || mode.name().equals(value)) {
                return null;
            }
        }
        return "'" + value + "' is not a POS entry mode (a code like 05 or a name like CHIP)";
    }
}
