package dev.anshin.fraud.rules;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.scoring.rules.Condition;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleAction;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule as JSON, as analysts write it and as it is stored:
 * <pre>{"id":"high-amount-gambling","description":"...","action":"DECLINE","enabled":true,
 *  "condition":{"type":"allOf","conditions":[
 *     {"type":"feature","feature":"amount","comparison":"GT","value":1000},
 *     {"type":"inList","attribute":"MCC","values":["7995"]}]}}</pre>
 */
@Schema(requiredProperties = {"id", "description", "action", "condition"})
public record RuleDefinition(String id, String description,
        @Schema(allowableValues = {"ALLOW", "REVIEW", "DECLINE"}) String action, Boolean enabled,
        ConditionDefinition condition) {

    /** One condition; {@code type} says which fields apply: feature, inList or allOf. */
    @Schema(requiredProperties = "type")
    public record ConditionDefinition(@Schema(allowableValues = {"feature", "inList", "allOf"}) String type,
            String feature, String comparison, Double value, String attribute,
            List<String> values, List<ConditionDefinition> conditions) {
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_DEPTH = 4;
    static final String RESERVED_ID = "new";

    /** Checks the definition against the features the engine computes; an empty list means valid. */
    List<FieldProblem> validate(Set<String> knownFeatures) {
        List<FieldProblem> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new FieldProblem("id", "1 to 64 lower-case letters, digits, '.', '_' or '-'"));
        } else if (RESERVED_ID.equals(id)) {
            // /console/admin/rules/new is the form to add one: a rule so named could not be opened.
            errors.add(new FieldProblem("id", "'new' is reserved; choose another id"));
        }
        if (description == null || description.isBlank() || description.length() > 200) {
            errors.add(new FieldProblem("description", "is required, at most 200 characters"));
        } else {
            // Shown as the reason of a decision, in the console and to the issuer.
            FreeText.check(errors, "description", description);
        }
        if (action == null || !isAction(action)) {
            errors.add(new FieldProblem("action", "must be ALLOW, REVIEW or DECLINE"));
        }
        if (condition == null) {
            errors.add(new FieldProblem("condition", "is required"));
        } else {
            validate(condition, "condition", 1, knownFeatures, errors);
        }
        return errors;
    }

    private static void validate(ConditionDefinition c, String path, int depth, Set<String> knownFeatures,
            List<FieldProblem> errors) {
        if (c.type() == null) {
            errors.add(new FieldProblem(path + ".type", "must be feature, inList or allOf"));
            return;
        }
        switch (c.type()) {
            case "feature" -> {
                if (c.feature() == null || !knownFeatures.contains(c.feature())) {
                    errors.add(new FieldProblem(path + ".feature", "must be one of " + knownFeatures));
                }
                if (c.comparison() == null || !isComparison(c.comparison())) {
                    errors.add(new FieldProblem(path + ".comparison", "must be GT, GE, LT, LE or EQ"));
                }
                if (c.value() == null || c.value().isNaN() || c.value().isInfinite()) {
                    errors.add(new FieldProblem(path + ".value", "must be a finite number"));
                }
            }
            case "inList" -> {
                if (c.attribute() == null || !isAttribute(c.attribute())) {
                    errors.add(new FieldProblem(path + ".attribute", "must be one of "
                            + List.of(Condition.Attribute.values())));
                }
                if (c.values() == null || c.values().isEmpty() || c.values().size() > 10_000
                        || c.values().stream().anyMatch(v -> v == null || v.isBlank())) {
                    errors.add(new FieldProblem(path + ".values", "1 to 10000 non-blank values"));
                } else if (c.values().stream().anyMatch(v -> v.length() > 128
                        || FreeText.characterProblem(v).isPresent())) {
                    errors.add(new FieldProblem(path + ".values", "values of at most 128 characters, "
                            + "without control or bidirectional formatting characters"));
                }
            }
            case "allOf" -> {
                if (depth >= MAX_DEPTH) {
                    errors.add(new FieldProblem(path, "conditions nest at most " + MAX_DEPTH + " deep"));
                } else if (c.conditions() == null || c.conditions().isEmpty()) {
                    errors.add(new FieldProblem(path + ".conditions", "needs at least one condition"));
                } else {
                    for (int i = 0; i < c.conditions().size(); i++) {
                        ConditionDefinition inner = c.conditions().get(i);
                        String innerPath = path + ".conditions[" + i + "]";
                        if (inner == null) {
                            errors.add(new FieldProblem(innerPath, "is required"));
                        } else {
                            validate(inner, innerPath, depth + 1, knownFeatures, errors);
                        }
                    }
                }
            }
            default -> errors.add(new FieldProblem(path + ".type", "must be feature, inList or allOf"));
        }
    }

    /**
     * The definition with the values of its IP and DEVICE lists as stored: keyed pseudonyms, since
     * authorizations carry pseudonyms of their addresses and device ids ({@code PaymentPseudonyms}); the
     * values as typed are never kept. Values already pseudonyms stay, so this is idempotent.
     *
     * @param ip     an IP list's value as stored
     * @param device a DEVICE list's values as stored, for one value
     */
    public RuleDefinition pseudonymized(java.util.function.UnaryOperator<String> ip,
            java.util.function.Function<String, List<String>> device) {
        return new RuleDefinition(id, description, action, enabled,
                condition == null ? null : pseudonymized(condition, ip, device));
    }

    private static ConditionDefinition pseudonymized(ConditionDefinition c, java.util.function.UnaryOperator<String> ip,
            java.util.function.Function<String, List<String>> device) {
        if ("inList".equals(c.type()) && c.values() != null && ("IP".equals(c.attribute())
                || "DEVICE".equals(c.attribute()))) {
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (String value : c.values()) {
                if ("IP".equals(c.attribute())) {
                    values.add(ip.apply(value));
                } else {
                    values.addAll(device.apply(value));
                }
            }
            return new ConditionDefinition(c.type(), c.feature(), c.comparison(), c.value(), c.attribute(),
                    List.copyOf(values), c.conditions());
        }
        if ("allOf".equals(c.type()) && c.conditions() != null) {
            return new ConditionDefinition(c.type(), c.feature(), c.comparison(), c.value(), c.attribute(), c.values(),
                    c.conditions().stream().map(inner -> inner == null ? null : pseudonymized(inner, ip, device))
                            .toList());
        }
        return c;
    }

    /** The core rule; call only after {@link #validate} found nothing. */
    Rule toRule(int version) {
        return new Rule(id, version, description, RuleAction.valueOf(action), toCondition(condition),
                enabled == null || enabled);
    }

    private static Condition toCondition(ConditionDefinition c) {
        return switch (c.type()) {
            case "feature" -> new Condition.FeatureThreshold(c.feature(),
                    Condition.Comparison.valueOf(c.comparison()), c.value());
            case "inList" -> new Condition.InList(Condition.Attribute.valueOf(c.attribute()),
                    Set.copyOf(new LinkedHashSet<>(c.values())));
            default -> new Condition.AllOf(c.conditions().stream().map(RuleDefinition::toCondition).toList());
        };
    }

    private static boolean isAction(String value) {
        return List.of("ALLOW", "REVIEW", "DECLINE").contains(value);
    }

    private static boolean isComparison(String value) {
        return List.of("GT", "GE", "LT", "LE", "EQ").contains(value);
    }

    private static boolean isAttribute(String value) {
        for (Condition.Attribute attribute : Condition.Attribute.values()) {
            if (attribute.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
