package dev.anshin.fraud.rules;

import dev.anshin.fraud.rules.RuleBook.RuleVersion;
import dev.anshin.fraud.rules.RuleDefinition.ConditionDefinition;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.rules.Condition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages of the decision rules: the rules in force with their conditions and
 * actions in words; a form to add or change one (its conditions as rows that must all hold, which
 * is everything the rule language can say: it has "all of" and no "any of"), enable or disable it,
 * delete it after a confirmation. Every change goes through {@link RuleBook}, as the API's do, so
 * it is checked the same way (the checks' messages are shown next to the field they are about) and
 * versioned under the administrator's name. Analysts may read; the security chain lets only
 * administrators post.
 *
 * <p>A form carries the rule's version it was made from: a change over someone else's is refused as
 * stale (the form shows what is current, the input kept); the same form sent again changes nothing
 * twice (an unchanged definition stores no new version; an added rule that exists as sent is done).
 */
@Controller
class RulesPage {

    /** Condition rows shown: those of the rule, and at least this many empty ones to add. */
    static final int EMPTY_ROWS = 2;
    static final int MAX_ROWS = 10;
    /** What a threshold may be typed as: what {@link #plain} writes (1E+16, 0.30000000000000004), no more. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,3})?");
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final Pattern ROW_PATH = Pattern.compile("condition\\.conditions\\[(\\d+)](?:\\.(\\w+))?");
    private static final List<String> ACTIONS = List.of("DECLINE", "REVIEW", "ALLOW");
    private static final List<String> COMPARISONS = List.of("GT", "GE", "LT", "LE", "EQ");

    /** One row of the form: a feature threshold or a list of values, as typed. */
    record ConditionRow(String type, String feature, String comparison, String value, String attribute,
            String values) {

        static final ConditionRow EMPTY = new ConditionRow("", "", "", "", "", "");

        public boolean blank() {
            return type == null || type.isBlank();
        }
    }

    /** The form as typed (or as stored, to change). */
    record RuleForm(String id, String description, String action, boolean enabled, List<ConditionRow> rows,
            Integer version) {
    }

    /** A rule in the list: what it does, in words. */
    record RuleRow(String id, int version, String description, String action, String actionLabel, boolean enabled,
            List<String> conditions, String changedBy, java.time.Instant changedAt) {
    }

    /** An option of a select: its value and its words. */
    record Option(String value, String label) {
    }

    /** A group of a select's options ({@code <optgroup>}): its words and its options. */
    record OptionGroup(String label, List<Option> options) {
    }

    /** The feature groups of the condition list, in this order: what staff look for first comes first. */
    static final List<String> FEATURE_GROUPS = List.of("transaction", "card", "terminal", "merchant", "device");

    /**
     * Every feature the scoring core computes, in words, grouped by what it describes: the transaction
     * itself, the card's history, the terminal's, the merchant's, the device's; each option's words
     * end with the feature's name as the API and the rule's JSON spell it.
     */
    List<OptionGroup> featureGroups(Locale locale) {
        Map<String, List<Option>> grouped = new LinkedHashMap<>();
        FEATURE_GROUPS.forEach(g -> grouped.put(g, new ArrayList<>()));
        for (String f : FeatureEngine.schema().names()) {
            grouped.get(featureGroup(f)).add(new Option(f, text("admin.rules.feature.option", locale,
                    featureLabel(f, locale), f)));
        }
        return grouped.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new OptionGroup(text("admin.rules.feature-group." + e.getKey(), locale), e.getValue()))
                .toList();
    }

    static String featureGroup(String feature) {
        if (feature.equals("card_present")) {
            return "transaction"; // how the card was used here, not the card's history
        }
        int underscore = feature.indexOf('_');
        String prefix = underscore < 0 ? "" : feature.substring(0, underscore);
        return FEATURE_GROUPS.contains(prefix) ? prefix : "transaction";
    }

    /**
     * A feature in words: the rule pages' short name ({@code admin.feature.<name>}) where there is one,
     * else the words the decision pages use ({@code console.feature.<name>.label}), else its name.
     */
    String featureLabel(String feature, Locale locale) {
        String shortName = messages.getMessage("admin.feature." + feature, null, null, locale);
        return shortName != null ? shortName
                : messages.getMessage("console.feature." + feature + ".label", null, feature, locale);
    }

    private final RuleBook rules;
    private final MessageSource messages;

    RulesPage(RuleBook rules, MessageSource messages) {
        this.rules = rules;
        this.messages = messages;
    }

    @GetMapping("/console/admin/rules")
    String list(Model model, Locale locale, Authentication auth) {
        model.addAttribute("rules", rules.active().stream().map(r -> row(r, locale)).toList());
        model.addAttribute("ruleSetVersion", rules.ruleSetVersion());
        model.addAttribute("admin", isAdmin(auth));
        here(model, "/console/admin/rules");
        return "admin/rules";
    }

    @GetMapping("/console/admin/rules/new")
    String newRule(Model model, Locale locale, Authentication auth) {
        return form(new RuleForm("", "", "REVIEW", true, rows(List.of()), null), Map.of(), null, model, locale, auth);
    }

    @GetMapping("/console/admin/rules/{id}")
    String rule(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletResponse response) {
        Optional<RuleVersion> rule = rules.find(id);
        if (rule.isEmpty()) {
            return notFound(model, locale, auth, response);
        }
        return form(formOf(rule.get()), Map.of(), rule.get(), model, locale, auth);
    }

    /** Adds a rule. Sent again with the same content: done already, nothing added twice. */
    @PostMapping("/console/admin/rules")
    String create(HttpServletRequest request, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        RuleForm form = read(request, null);
        Map<String, String> errors = new LinkedHashMap<>();
        RuleDefinition definition = definition(form, errors, locale);
        if (!errors.isEmpty()) {
            return refused(422, form, errors, null, model, locale, auth, response);
        }
        Optional<RuleVersion> existing = rules.find(form.id());
        if (existing.isPresent() && same(existing.get().definition(), definition)) {
            return done("admin.rules.done.saved", existing.get(), locale, redirect);
        }
        try {
            return done("admin.rules.done.created", rules.create(definition, auth.getName()), locale, redirect);
        } catch (RequestProblem problem) {
            if (problem.type() == ProblemType.CONFLICT) {
                if (rules.find(form.id()).isPresent()) {
                    errors.put("id", text("admin.rules.error.id-exists", locale));
                } else {
                    // Another change stored at the same moment: nothing is stored, the input kept to send again.
                    model.addAttribute("error", text("admin.rules.error.busy", locale));
                }
                return refused(409, form, errors, null, model, locale, auth, response);
            }
            fieldErrors(problem, form, errors, locale);
            return refused(problem.type().status().value(), form, errors, null, model, locale, auth, response);
        }
    }

    /** Changes a rule made from {@code version}; over someone else's change, the form is shown again as stale. */
    @PostMapping("/console/admin/rules/{id}")
    String change(@PathVariable String id, HttpServletRequest request, Model model, Locale locale,
            Authentication auth, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<RuleVersion> current = rules.find(id);
        if (current.isEmpty()) {
            return notFound(model, locale, auth, response);
        }
        if (tooLarge(current.get())) {
            // The form has room for MAX_ROWS conditions: saving it would drop the rest and broaden the rule.
            model.addAttribute("error", text("admin.rules.error.too-large", locale));
            return refused(422, formOf(current.get()), Map.of(), current.get(), model, locale, auth, response);
        }
        RuleForm form = read(request, id);
        Map<String, String> errors = new LinkedHashMap<>();
        RuleDefinition definition = definition(form, errors, locale);
        if (!errors.isEmpty()) {
            return refused(422, form, errors, current.get(), model, locale, auth, response);
        }
        if (same(current.get().definition(), definition)) {
            return done("admin.rules.done.unchanged", current.get(), locale, redirect);
        }
        try {
            return done("admin.rules.done.changed", rules.change(id, definition, auth.getName(), form.version()),
                    locale, redirect);
        } catch (RequestProblem problem) {
            RuleVersion now = rules.find(id).orElse(current.get());
            if (problem.type() == ProblemType.CONFLICT) {
                model.addAttribute("error", stale(now, locale));
                // The input is kept; sent again, it is meant over the current version.
                RuleForm again = new RuleForm(form.id(), form.description(), form.action(), form.enabled(),
                        form.rows(), now.version());
                return refused(409, again, errors, now, model, locale, auth, response);
            }
            fieldErrors(problem, form, errors, locale);
            return refused(problem.type().status().value(), form, errors, now, model, locale, auth, response);
        }
    }

    /** Enables or disables a rule (a new version); in that state already, nothing to do. */
    @PostMapping("/console/admin/rules/{id}/enabled")
    String enable(@PathVariable String id, @RequestParam(required = false) String enabled,
            @RequestParam(required = false) Integer version, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        Optional<RuleVersion> current = rules.find(id);
        if (current.isEmpty() || !("true".equals(enabled) || "false".equals(enabled))) {
            return notFound(model, locale, auth, response);
        }
        boolean on = Boolean.parseBoolean(enabled);
        RuleDefinition now = current.get().definition();
        if (isEnabled(now) == on) {
            return done(on ? "admin.rules.done.enabled" : "admin.rules.done.disabled", current.get(), locale, redirect);
        }
        try {
            RuleVersion changed = rules.change(id, new RuleDefinition(id, now.description(), now.action(), on,
                    now.condition()), auth.getName(), version);
            return done(on ? "admin.rules.done.enabled" : "admin.rules.done.disabled", changed, locale, redirect);
        } catch (RequestProblem problem) {
            response.setStatus(problem.type().status().value());
            model.addAttribute("error", problem.type() == ProblemType.CONFLICT
                    ? stale(rules.find(id).orElse(current.get()), locale)
                    : problem.type() == ProblemType.NOT_FOUND ? text("admin.rules.error.unknown", locale)
                    : messages.getMessage("admin.rules.error.refused", new Object[] {problem.getMessage()}, locale));
            return list(model, locale, auth);
        }
    }

    /** Deletes a rule, confirmed, from the version shown; deleted already, there is nothing left to do. */
    @PostMapping("/console/admin/rules/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) String confirmed,
            @RequestParam(required = false) Integer version, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        Optional<RuleVersion> current = rules.find(id);
        if (current.isEmpty()) {
            redirect.addFlashAttribute("done", messages.getMessage("admin.rules.done.gone", new Object[] {id}, locale));
            return "redirect:/console/admin/rules";
        }
        if (!"yes".equals(confirmed)) {
            model.addAttribute("deleteError", text("admin.rules.error.unconfirmed", locale));
            return refused(422, formOf(current.get()), Map.of(), current.get(), model, locale, auth, response);
        }
        try {
            RuleVersion deleted = rules.delete(id, auth.getName(), version);
            redirect.addFlashAttribute("done", messages.getMessage("admin.rules.done.deleted",
                    new Object[] {deleted.id()}, locale));
            return "redirect:/console/admin/rules";
        } catch (RequestProblem problem) {
            RuleVersion now = rules.find(id).orElse(current.get());
            model.addAttribute("error", stale(now, locale));
            return refused(problem.type().status().value(), formOf(now), Map.of(), now, model, locale, auth,
                    response);
        }
    }

    // ---- the form ------------------------------------------------------------------------------

    private String form(RuleForm form, Map<String, String> errors, RuleVersion current, Model model, Locale locale,
            Authentication auth) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("current", current);
        boolean tooLarge = current != null && tooLarge(current);
        model.addAttribute("tooLarge", tooLarge);
        model.addAttribute("editable", isAdmin(auth) && !tooLarge);
        here(model, current == null ? "/console/admin/rules/new" : "/console/admin/rules/" + current.id());
        model.addAttribute("admin", isAdmin(auth));
        model.addAttribute("featureGroups", featureGroups(locale));
        model.addAttribute("attributes", Arrays.stream(Condition.Attribute.values())
                .map(a -> new Option(a.name(), text("admin.attribute." + a.name(), locale))).toList());
        model.addAttribute("comparisons", COMPARISONS.stream()
                .map(c -> new Option(c, text("admin.comparison." + c, locale))).toList());
        model.addAttribute("actions", ACTIONS.stream()
                .map(a -> new Option(a, text("admin.rules.action." + a, locale))).toList());
        model.addAttribute("history", current == null ? List.of() : rules.history().stream()
                .filter(v -> v.id().equals(current.id())).sorted((a, b) -> b.ruleSetVersion() - a.ruleSetVersion())
                .map(v -> new RuleRow(v.id(), v.version(), v.deleted() ? text("admin.rules.history.deleted", locale)
                        : v.definition().description(), v.definition().action(),
                        text("admin.rules.action." + v.definition().action(), locale), isEnabled(v.definition()),
                        words(v.definition().condition(), locale), v.changedBy(), v.changedAt()))
                .limit(20).toList());
        return "admin/rule";
    }

    private String refused(int status, RuleForm form, Map<String, String> errors, RuleVersion current, Model model,
            Locale locale, Authentication auth, HttpServletResponse response) {
        response.setStatus(status);
        if (!model.containsAttribute("error") && !errors.isEmpty()) {
            model.addAttribute("error", text("admin.rules.error.fields", locale));
        }
        return form(form, errors, current, model, locale, auth);
    }

    private String notFound(Model model, Locale locale, Authentication auth, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("error", text("admin.rules.error.unknown", locale));
        return list(model, locale, auth);
    }

    private String done(String key, RuleVersion rule, Locale locale, RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", messages.getMessage(key, new Object[] {rule.id(), rule.version()}, locale));
        redirect.addFlashAttribute("highlight", rule.id());
        return "redirect:/console/admin/rules";
    }

    private String stale(RuleVersion now, Locale locale) {
        return messages.getMessage("admin.rules.error.stale", new Object[] {now.id(), now.version(), now.changedBy()},
                locale);
    }

    /** The form's fields as sent, nothing coerced: rows numbered from 0, as many as were sent (at most {@link #MAX_ROWS}). */
    private static RuleForm read(HttpServletRequest request, String id) {
        List<ConditionRow> rows = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            if (request.getParameter("type" + i) == null) {
                break;
            }
            rows.add(new ConditionRow(param(request, "type" + i), param(request, "feature" + i),
                    param(request, "comparison" + i), param(request, "value" + i), param(request, "attribute" + i),
                    param(request, "values" + i)));
        }
        Integer version = null;
        String sentVersion = param(request, "version");
        if (sentVersion.matches("\\d{1,9}")) {
            version = Integer.valueOf(sentVersion);
        }
        return new RuleForm(id == null ? param(request, "id").strip() : id, param(request, "description"),
                param(request, "action"), "true".equals(request.getParameter("enabled")), rows(rows), version);
    }

    private static String param(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** The rows to show: those given, and empty ones to add more. */
    private static List<ConditionRow> rows(List<ConditionRow> given) {
        List<ConditionRow> rows = new ArrayList<>(given);
        long empty = rows.stream().filter(ConditionRow::blank).count();
        for (long i = empty; i < EMPTY_ROWS && rows.size() < MAX_ROWS; i++) {
            rows.add(ConditionRow.EMPTY);
        }
        return rows;
    }

    /**
     * The definition the form describes, or errors by field: what only the form can get wrong (a
     * number that is not one, no condition at all) here; the rest is the rule book's to check.
     */
    private RuleDefinition definition(RuleForm form, Map<String, String> errors, Locale locale) {
        List<ConditionDefinition> conditions = new ArrayList<>();
        for (int i = 0; i < form.rows().size(); i++) {
            ConditionRow row = form.rows().get(i);
            if (row.blank()) {
                continue;
            }
            switch (row.type()) {
                case "feature" -> {
                    Double value = null;
                    String typed = row.value().strip();
                    if (typed.length() > MAX_NUMBER_LENGTH || !NUMBER.matcher(typed).matches()
                            || !Double.isFinite(Double.parseDouble(typed))) {
                        errors.put("value" + i, text("admin.rules.error.value", locale));
                    } else {
                        value = Double.valueOf(typed);
                    }
                    conditions.add(new ConditionDefinition("feature", blankToNull(row.feature()),
                            blankToNull(row.comparison()), value, null, null, null));
                }
                case "inList" -> conditions.add(new ConditionDefinition("inList", null, null, null,
                        blankToNull(row.attribute()), Arrays.stream(row.values().split("[,\\n\\r]+")).map(String::strip)
                                .filter(v -> !v.isEmpty()).toList(), null));
                default -> errors.put("type" + i, text("admin.rules.error.type", locale));
            }
        }
        if (conditions.isEmpty() && errors.isEmpty()) {
            errors.put("conditions", text("admin.rules.error.conditions", locale));
        }
        ConditionDefinition condition = conditions.size() == 1 ? conditions.get(0)
                : new ConditionDefinition("allOf", null, null, null, null, null, conditions);
        RuleDefinition definition = new RuleDefinition(form.id(), form.description().strip(), blankToNull(form.action()),
                form.enabled(), condition);
        if (errors.isEmpty()) {
            // The rule book's own checks, so the page shows every problem at once, next to its field.
            List<FieldProblem> problems = definition.validate(new java.util.LinkedHashSet<>(FeatureEngine.schema().names()));
            for (FieldProblem problem : problems) {
                put(problem, form, errors, locale);
            }
        }
        return definition;
    }

    private void fieldErrors(RequestProblem problem, RuleForm form, Map<String, String> errors, Locale locale) {
        if (problem.errors().isEmpty()) {
            // In the reader's language where the reason is known (deleted meanwhile); else the book's words.
            errors.put("form", problem.type() == ProblemType.NOT_FOUND ? text("admin.rules.error.unknown", locale)
                    : messages.getMessage("admin.rules.error.refused", new Object[] {problem.getMessage()}, locale));
        }
        for (FieldProblem error : problem.errors()) {
            put(error, form, errors, locale);
        }
    }

    /**
     * A check's message next to the form field it is about: "condition.conditions[1].value" is the
     * second condition row that was filled in (blank rows are skipped), "condition.value" the only one.
     */
    private void put(FieldProblem problem, RuleForm form, Map<String, String> errors, Locale locale) {
        String path = problem.field();
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < form.rows().size(); i++) {
            if (!form.rows().get(i).blank()) {
                filled.add(i);
            }
        }
        String field;
        String part;
        Matcher row = ROW_PATH.matcher(path);
        if (row.matches() && Integer.parseInt(row.group(1)) < filled.size()) {
            part = row.group(2) == null ? "type" : row.group(2);
            field = part + filled.get(Integer.parseInt(row.group(1)));
        } else if (path.startsWith("condition.") && filled.size() == 1 && !path.startsWith("condition.conditions")) {
            part = path.substring("condition.".length());
            field = part + filled.get(0);
        } else if (List.of("id", "description", "action").contains(path)) {
            part = path;
            field = path;
        } else {
            part = "conditions";
            field = "conditions";
        }
        String words = messages.getMessage("admin.rules.error." + part, null, null, locale);
        // The check's own words add what the general message cannot know (an MCC's format, say).
        String message = words == null ? problem.message()
                : part.equals("values") || part.equals("conditions") ? words + " (" + problem.message() + ")" : words;
        errors.merge(field, message, (a, b) -> a.equals(b) ? a : a + " " + b);
    }

    private static RuleForm formOf(RuleVersion rule) {
        RuleDefinition d = rule.definition();
        List<ConditionRow> rows = new ArrayList<>();
        flatten(d.condition(), rows);
        return new RuleForm(d.id(), d.description(), d.action(), isEnabled(d), rows(rows), rule.version());
    }

    /** More conditions than the form has rows for: shown read-only, changed through the API. */
    static boolean tooLarge(RuleVersion rule) {
        List<ConditionRow> rows = new ArrayList<>();
        flatten(rule.definition().condition(), rows);
        return rows.size() > MAX_ROWS;
    }

    /** "All of" nested in "all of" is still "all of": the rows of a stored rule. */
    private static void flatten(ConditionDefinition c, List<ConditionRow> rows) {
        if (c == null) {
            return;
        }
        switch (c.type()) {
            case "allOf" -> c.conditions().forEach(inner -> flatten(inner, rows));
            case "feature" -> rows.add(new ConditionRow("feature", c.feature(), c.comparison(), plain(c.value()), "",
                    ""));
            default -> rows.add(new ConditionRow("inList", "", "", "", c.attribute(), String.join(", ", c.values())));
        }
    }

    /** A threshold as typed: 100000, not 100000.0. */
    static String plain(Double value) {
        if (value == null) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        String written = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        // 1e300 written out would not fit the field: then as Java writes it (1.0E300), which the form reads back.
        return written.length() <= 30 ? written : Double.toString(value);
    }

    private static boolean same(RuleDefinition stored, RuleDefinition sent) {
        return Objects.equals(stored.id(), sent.id()) && Objects.equals(stored.description(), sent.description())
                && Objects.equals(stored.action(), sent.action()) && isEnabled(stored) == isEnabled(sent)
                && Objects.equals(stored.condition(), sent.condition());
    }

    private static boolean isEnabled(RuleDefinition d) {
        return d.enabled() == null || d.enabled();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    // ---- in words ------------------------------------------------------------------------------

    private RuleRow row(RuleVersion r, Locale locale) {
        RuleDefinition d = r.definition();
        return new RuleRow(r.id(), r.version(), d.description(), d.action(),
                text("admin.rules.action." + d.action(), locale), isEnabled(d), words(d.condition(), locale),
                r.changedBy(), r.changedAt());
    }

    /** Each condition that must hold, in words: "金額 > 100000", "MCC が 7995, 7994 のいずれか". */
    List<String> words(ConditionDefinition c, Locale locale) {
        List<ConditionRow> rows = new ArrayList<>();
        flatten(c, rows);
        return rows.stream().map(row -> row.type().equals("feature")
                ? messages.getMessage("admin.rules.words.feature", new Object[] {
                        featureLabel(row.feature(), locale),
                        text("admin.comparison.symbol." + row.comparison(), locale), row.value()}, locale)
                : messages.getMessage("admin.rules.words.list", new Object[] {
                        text("admin.attribute." + row.attribute(), locale), shortList(row.values())}, locale))
                .toList();
    }

    private static String shortList(String values) {
        return values.length() <= 120 ? values : values.substring(0, 117) + "…";
    }

    /** The page's own address for the layout, also when a form's answer shows it at the form's address. */
    private static void here(Model model, String path) {
        model.addAttribute("currentPath", path);
        model.addAttribute("currentPage", path);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    private static boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
