package dev.anshin.fraud.rules;

import dev.anshin.fraud.PaymentPseudonyms;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.rules.Rule;
import dev.anshin.scoring.rules.RuleSet;
import dev.anshin.scoring.rules.RuleValidator;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned rules. Every change is a new row, numbered by the rule-set version it creates; the
 * latest version of each rule forms the active set, which is swapped into the engine at once.
 */
@Repository
public class RuleBook implements SmartInitializingSingleton {

    /**
     * One version of one rule, with who changed it and when. A deletion is a version too
     * ({@code deleted}, with the definition it ended), seen only in the history.
     */
    public record RuleVersion(String id, int version, int ruleSetVersion, RuleDefinition definition,
            String changedBy, Instant changedAt, boolean deleted) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ScoringEngine engine;
    private final Clock clock;
    private final PaymentPseudonyms pseudonyms;

    RuleBook(JdbcClient jdbc, JsonMapper json, ScoringEngine engine, Clock clock, PaymentPseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.json = json;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        pseudonymizeStoredLists();
        engine.useRules(activeRuleSet());
    }

    /**
     * Rules stored before IP addresses and device ids were pseudonymized hold them as typed: every version
     * (the history too) gets its lists' pseudonyms in their place, once; the rule set's behaviour stays
     * the same, as authorizations now carry the pseudonyms. Idempotent: a definition already pseudonymized
     * is left alone.
     */
    private void pseudonymizeStoredLists() {
        int[] rewritten = {0};
        jdbc.sql("SELECT rule_set_version, definition FROM rule_changes ORDER BY rule_set_version")
                .query((rs, n) -> java.util.Map.entry(rs.getInt(1), rs.getString(2)))
                .list()
                .forEach(row -> {
                    RuleDefinition stored = json.readValue(row.getValue(), RuleDefinition.class);
                    RuleDefinition pseudonymized = pseudonymized(stored);
                    if (!pseudonymized.equals(stored)) {
                        jdbc.sql("UPDATE rule_changes SET definition = ? WHERE rule_set_version = ?")
                                .params(json.writeValueAsString(pseudonymized), row.getKey()).update();
                        rewritten[0]++;
                    }
                });
        if (rewritten[0] > 0) {
            org.slf4j.LoggerFactory.getLogger(RuleBook.class).info(
                    "Replaced the IP addresses and device ids of {} stored rule versions by their pseudonyms",
                    rewritten[0]);
        }
    }

    private RuleDefinition pseudonymized(RuleDefinition definition) {
        return definition.pseudonymized(pseudonyms::ipListValue, pseudonyms::deviceListValues);
    }

    /** The latest version of every rule not deleted, in the order the rules were first created. */
    public List<RuleVersion> active() {
        Map<String, RuleVersion> latest = new LinkedHashMap<>();
        for (RuleVersion version : history()) {
            if (version.deleted()) {
                latest.remove(version.id());
            } else {
                latest.put(version.id(), version);
            }
        }
        return new ArrayList<>(latest.values());
    }

    public int ruleSetVersion() {
        return jdbc.sql("SELECT COALESCE(MAX(rule_set_version), 0) FROM rule_changes").query(Integer.class).single();
    }

    public List<RuleVersion> history() {
        return jdbc.sql("SELECT rule_id, rule_version, rule_set_version, definition, changed_by, changed_at, deleted "
                        + "FROM rule_changes ORDER BY rule_set_version")
                .query((rs, n) -> new RuleVersion(rs.getString("rule_id"), rs.getInt("rule_version"),
                        rs.getInt("rule_set_version"), json.readValue(rs.getString("definition"), RuleDefinition.class),
                        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant(),
                        rs.getBoolean("deleted")))
                .list();
    }

    public Optional<RuleVersion> find(String id) {
        return active().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** Adds a new rule; refuses an id that exists (a deleted rule's id may be used again). */
    @Transactional
    public synchronized RuleVersion create(RuleDefinition definition, String actor) {
        check(definition);
        lock();
        if (find(definition.id()).isPresent()) {
            throw RequestProblem.conflict("A rule with this id exists; change it with PUT.");
        }
        return save(pseudonymized(definition), lastVersion(definition.id()) + 1, actor, false);
    }

    /** Changes a rule; the change is a new version. */
    @Transactional
    public synchronized RuleVersion change(String id, RuleDefinition definition, String actor) {
        return change(id, definition, actor, null);
    }

    /**
     * Changes a rule if it is still at {@code expectedVersion} (any version when null): a change made
     * from a form shown before someone else's is refused (409) rather than silently undoing theirs.
     */
    @Transactional
    public synchronized RuleVersion change(String id, RuleDefinition definition, String actor, Integer expectedVersion) {
        if (definition.id() != null && !definition.id().equals(id)) {
            throw RequestProblem.invalid("id", "must match the rule in the path");
        }
        RuleDefinition withId = new RuleDefinition(id, definition.description(), definition.action(),
                definition.enabled(), definition.condition());
        check(withId);
        lock();
        RuleVersion current = find(id).orElseThrow(() -> RequestProblem.notFound("No rule with this id."));
        requireVersion(current, expectedVersion);
        return save(pseudonymized(withId), current.version() + 1, actor, false);
    }

    /**
     * Deletes a rule (if still at {@code expectedVersion}, when given): from the next authorization on
     * it decides nothing; the deletion is a version in the history, with the definition it ended.
     */
    @Transactional
    public synchronized RuleVersion delete(String id, String actor, Integer expectedVersion) {
        lock();
        RuleVersion current = find(id).orElseThrow(() -> RequestProblem.notFound("No rule with this id."));
        requireVersion(current, expectedVersion);
        return save(current.definition(), current.version() + 1, actor, true);
    }

    /**
     * Locks the first change's row until the transaction ends, before anything is read: a change on
     * another thread or instance waits, then reads what the first committed, so the rule set's next
     * version (MAX + 1, the key) and the version checks hold until commit. The method's
     * {@code synchronized} alone would not: the transaction commits after it returns.
     */
    private void lock() {
        jdbc.sql("SELECT rule_set_version FROM rule_changes WHERE rule_set_version = "
                + "(SELECT MIN(rule_set_version) FROM rule_changes) FOR UPDATE").query(Integer.class).list();
    }

    private static void requireVersion(RuleVersion current, Integer expectedVersion) {
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw RequestProblem.conflict("The rule is at version " + current.version() + " now (changed by "
                    + current.changedBy() + "), not " + expectedVersion + ".");
        }
    }

    private int lastVersion(String id) {
        return jdbc.sql("SELECT COALESCE(MAX(rule_version), 0) FROM rule_changes WHERE rule_id = ?").param(id)
                .query(Integer.class).single();
    }

    private RuleVersion save(RuleDefinition definition, int ruleVersion, String actor, boolean deleted) {
        int ruleSetVersion = ruleSetVersion() + 1;
        Instant now = clock.instant();
        try {
            jdbc.sql("INSERT INTO rule_changes (rule_set_version, rule_id, rule_version, definition, changed_by, "
                            + "changed_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(ruleSetVersion, definition.id(), ruleVersion, json.writeValueAsString(definition), actor,
                            Timestamp.from(now), deleted)
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Only when there is no row yet to lock: two first changes at once. The loser is told to retry.
            throw RequestProblem.conflict("The rules were changed at the same moment by someone else; "
                    + "read them again and retry.");
        }
        // Swapped inside the lock and the transaction: the next authorization sees the new set.
        engine.useRules(activeRuleSet());
        return new RuleVersion(definition.id(), ruleVersion, ruleSetVersion, definition, actor, now, deleted);
    }

    private RuleSet activeRuleSet() {
        List<Rule> rules = active().stream().map(v -> v.definition().toRule(v.version())).toList();
        return new RuleSet(ruleSetVersion(), rules);
    }

    private static void check(RuleDefinition definition) {
        List<FieldProblem> errors = definition.validate(knownFeatures());
        if (errors.isEmpty()) {
            // The core's own checks too (list values, MCC and country formats...), "path: message" each.
            for (String problem : RuleValidator.validate(definition.toRule(1), FeatureEngine.schema())) {
                int colon = problem.indexOf(": ");
                errors.add(colon > 0 ? new FieldProblem(problem.substring(0, colon), problem.substring(colon + 2))
                        : new FieldProblem("condition", problem));
            }
        }
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
    }

    private static Set<String> knownFeatures() {
        return new LinkedHashSet<>(FeatureEngine.schema().names());
    }
}
