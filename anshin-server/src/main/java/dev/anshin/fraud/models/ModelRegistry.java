package dev.anshin.fraud.models;

import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.model.TreeEnsemble;
import dev.anshin.training.TrainedModel;
import dev.anshin.training.TrainingParameters;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registered models and their status: one ACTIVE model decides, SHADOW models are scored
 * alongside for comparison, RETIRED ones are kept for audit and rollback. Every status change is
 * audited (who, what, when) and applied to the engine without a restart.
 */
@Repository
public class ModelRegistry implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() { };

    public enum Status { ACTIVE, SHADOW, RETIRED }

    /** A registered model without its (large) XGBoost JSON. */
    public record ModelSummary(String version, Status status, List<String> featureNames, TrainingParameters parameters,
            Instant windowStart, Instant windowEnd, String dataFingerprint, Map<String, Double> metrics,
            Instant createdAt) {
    }

    /** One audited change. */
    @Schema(name = "ModelAuditEntry")
    public record AuditEntry(long id, Instant changedAt, String actor, String action, String modelVersion,
            String detail) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ScoringEngine engine;
    private final Clock clock;
    private final Map<String, RiskModel> loaded = new ConcurrentHashMap<>();

    ModelRegistry(JdbcClient jdbc, JsonMapper json, ScoringEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        applyToEngine();
    }

    public List<ModelSummary> list() {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM models ORDER BY created_at DESC, version DESC")
                .query(this::summary).list();
    }

    public Optional<ModelSummary> find(String version) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM models WHERE version = ?").param(version)
                .query(this::summary).optional();
    }

    public Optional<ModelSummary> active() {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM models WHERE status = 'ACTIVE'")
                .query(this::summary).optional();
    }

    public List<AuditEntry> audit() {
        return jdbc.sql("SELECT id, changed_at, actor, action, model_version, detail FROM model_audit ORDER BY id DESC")
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("model_version"),
                        rs.getString("detail")))
                .list();
    }

    /** Registers a model as SHADOW after checking that the evaluator can read it. */
    @Transactional
    public synchronized ModelSummary register(TrainedModel model, String actor) {
        // Eight random hex digits after the second: models registered within one second (an import script, a
        // retraining beside an import) must not meet on the primary key (four digits did: 60 in a second collide
        // about 3 % of the time, a 500 instead of a model).
        String version = "m-" + VERSION_TIME.format(clock.instant()) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
        List<String> unknown = model.featureNames().stream()
                .filter(name -> FeatureEngine.schema().indexOf(name) < 0).toList();
        if (!unknown.isEmpty()) {
            throw RequestProblem.invalid("featureNames", "the engine does not compute " + unknown);
        }
        RiskModel evaluator = load(version, model.featureNames(), model.xgboostJson());
        jdbc.sql("INSERT INTO models (version, xgboost_json, feature_names, parameters, window_start, window_end, "
                        + "data_fingerprint, metrics, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(version, model.xgboostJson(), json.writeValueAsString(model.featureNames()),
                        json.writeValueAsString(model.parameters()), timestamp(model.windowStart()),
                        timestamp(model.windowEnd()), model.dataFingerprint(),
                        json.writeValueAsString(model.metrics() == null ? Map.of() : model.metrics()),
                        Status.SHADOW.name(), Timestamp.from(clock.instant()))
                .update();
        loaded.put(version, evaluator);
        audit(actor, "REGISTER", version, "registered as SHADOW");
        applyToEngine();
        return find(version).orElseThrow();
    }

    /** Makes {@code version} the deciding model; the previous active one is retired. */
    @Transactional
    public synchronized ModelSummary activate(String version, String actor) {
        return activate(version, actor, null);
    }

    /**
     * Activates {@code version} if the active model is still {@code expectedActive} (its version, "" for
     * none; no check when null): an administrator's form shown before someone else's change is refused
     * (409), never applied over it.
     */
    @Transactional
    public synchronized ModelSummary activate(String version, String actor, String expectedActive) {
        lockStatuses();
        ModelSummary target = require(version);
        Optional<ModelSummary> previous = active();
        if (target.status() == Status.ACTIVE) {
            return target;
        }
        requireActive(previous, expectedActive);
        previous.ifPresent(p -> setStatus(p.version(), Status.RETIRED));
        setStatus(version, Status.ACTIVE);
        audit(actor, "ACTIVATE", version, previous.map(p -> "replaces " + p.version()).orElse("first active model"));
        applyToEngine();
        return require(version);
    }

    /** Scores {@code version} alongside the active model without letting it decide. */
    @Transactional
    public synchronized ModelSummary shadow(String version, String actor) {
        return shadow(version, actor, null);
    }

    /**
     * Makes {@code version} a shadow if it is still in {@code expected} status (no check when null): a
     * form shown before the model was activated elsewhere is refused (409, reason {@link #STALE}).
     */
    @Transactional
    public synchronized ModelSummary shadow(String version, String actor, Status expected) {
        lockStatuses();
        ModelSummary target = require(version);
        requireStatus(target, expected);
        if (target.status() == Status.ACTIVE) {
            throw new Refusal("active-shadow", "The active model cannot be a shadow; activate another model first.");
        }
        setStatus(version, Status.SHADOW);
        audit(actor, "SHADOW", version, "was " + target.status());
        applyToEngine();
        return require(version);
    }

    /** Takes a model out of service. */
    @Transactional
    public synchronized ModelSummary retire(String version, String actor) {
        return retire(version, actor, null);
    }

    /** Retires {@code version} if it is still in {@code expected} status (no check when null), else 409 (reason {@link #STALE}). */
    @Transactional
    public synchronized ModelSummary retire(String version, String actor, Status expected) {
        lockStatuses();
        ModelSummary target = require(version);
        requireStatus(target, expected);
        setStatus(version, Status.RETIRED);
        audit(actor, "RETIRE", version, "was " + target.status());
        applyToEngine();
        return require(version);
    }

    /**
     * The model a rollback would make active again: the latest other model that was ever made active;
     * empty when there is none (one model, or no active one), so a page offers no rollback then.
     */
    public Optional<String> rollbackTarget() {
        return active().flatMap(current -> activeBefore(current.version()));
    }

    private Optional<String> activeBefore(String current) {
        return jdbc.sql("SELECT model_version FROM model_audit WHERE action IN ('ACTIVATE', 'ROLLBACK') "
                        + "AND model_version <> ? ORDER BY id DESC")
                .param(current).query(String.class).list().stream().findFirst();
    }

    /** Re-activates the model that was active before the current one. */
    @Transactional
    public synchronized ModelSummary rollback(String actor) {
        return rollback(actor, null);
    }

    /** Rolls back if the active model is still {@code expectedActive} (no check when null): a second submit undoes nothing. */
    @Transactional
    public synchronized ModelSummary rollback(String actor, String expectedActive) {
        lockStatuses();
        requireActive(active(), expectedActive);
        ModelSummary current = active().orElseThrow(() -> new Refusal("no-active", "No model is active."));
        String previous = activeBefore(current.version())
                .orElseThrow(() -> new Refusal("no-earlier", "There is no earlier active model to roll back to."));
        setStatus(current.version(), Status.RETIRED);
        setStatus(previous, Status.ACTIVE);
        audit(actor, "ROLLBACK", previous, "replaces " + current.version());
        applyToEngine();
        return require(previous);
    }

    /**
     * Locks every model's row until the transaction ends, first thing in a status change: a second
     * change (on this instance or another sharing the database) waits, then reads what the first
     * committed, so its checks hold until its own commit and there is never a second ACTIVE model.
     * The {@code synchronized} of the methods alone would not do: the transaction commits after the
     * method returns, and instances share no monitor.
     */
    private void lockStatuses() {
        jdbc.sql("SELECT version FROM models ORDER BY version FOR UPDATE").query(String.class).list();
    }

    /**
     * A refusal (409) with its reason, so a page tells "changed since the form was shown" ({@link #STALE})
     * from the others and says each in the reader's language; the API answers the same problem as before.
     */
    public static final class Refusal extends RequestProblem {

        private final String reason;

        public Refusal(String reason, String detail) {
            super(dev.anshin.problems.ProblemType.CONFLICT, detail, List.of());
            this.reason = reason;
        }

        /** {@link #STALE}, "no-active", "no-earlier" or "active-shadow". */
        public String reason() {
            return reason;
        }
    }

    public static final String STALE = "stale";

    private static void requireActive(Optional<ModelSummary> active, String expected) {
        String now = active.map(ModelSummary::version).orElse("");
        if (expected != null && !expected.equals(now)) {
            throw new Refusal(STALE, "The active model is " + (now.isEmpty() ? "none" : now)
                    + " now, not " + (expected.isEmpty() ? "none" : expected) + ".");
        }
    }

    private static void requireStatus(ModelSummary target, Status expected) {
        if (expected != null && target.status() != expected) {
            throw new Refusal(STALE, "Model " + target.version() + " is " + target.status() + " now, not "
                    + expected + ".");
        }
    }

    /** The version active after the last change, "" for none, null before the first: for the log's wording. */
    private volatile String lastActive;

    private void applyToEngine() {
        List<RiskModel> shadows = new ArrayList<>();
        RiskModel activeModel = null;
        for (ModelSummary model : list()) {
            if (model.status() == Status.ACTIVE) {
                activeModel = evaluator(model.version());
            } else if (model.status() == Status.SHADOW) {
                shadows.add(evaluator(model.version()));
            }
        }
        // null when no model is active: the engine then scores 0 and decides by rules alone.
        engine.activate(activeModel);
        engine.shadow(shadows);
        List<String> shadowVersions = shadows.stream().map(RiskModel::version).toList();
        String before = lastActive;
        lastActive = activeModel == null ? "" : activeModel.version();
        if (activeModel != null && "".equals(before)) {
            // Says that the rules-alone line before it is over, so the log reads true in order.
            log.info("Model {} is active now: authorizations are scored by it from here on (until now the rules alone "
                    + "decided); shadows {}", activeModel.version(), shadowVersions);
        } else if (activeModel != null) {
            log.info("Engine models: active {}, shadows {}", activeModel.version(), shadowVersions);
        } else {
            // One line that says what to do, rather than a bare "active none" at every start and change.
            log.info("No active model yet: until one is activated, authorizations are decided by the rules alone "
                    + "(model score 0){}. Train one on "
                    + "the stored history (POST /api/v1/models/train) or import one (POST /api/v1/models, from "
                    + "./anshin fraud train), then activate it (POST /api/v1/models/{version}/activate); README.md",
                    shadowVersions.isEmpty() ? "" : "; shadow models " + shadowVersions + " are scored alongside");
        }
    }

    private RiskModel evaluator(String version) {
        return loaded.computeIfAbsent(version, v -> jdbc.sql("SELECT feature_names, xgboost_json FROM models WHERE version = ?")
                .param(v)
                .query((rs, n) -> load(v, json.readValue(rs.getString("feature_names"), NAMES),
                        rs.getString("xgboost_json")))
                .single());
    }

    private static RiskModel load(String version, List<String> featureNames, String xgboostJson) {
        try {
            return TreeEnsemble.fromXgboostJson(version, featureNames,
                    new ByteArrayInputStream(xgboostJson.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw RequestProblem.invalid("xgboostJson", "is not a readable XGBoost JSON model: " + e.getMessage());
        }
    }

    private ModelSummary require(String version) {
        return find(version).orElseThrow(() -> RequestProblem.notFound("No model with this version."));
    }

    private void setStatus(String version, Status status) {
        jdbc.sql("UPDATE models SET status = ? WHERE version = ?").params(status.name(), version).update();
    }

    private void audit(String actor, String action, String version, String detail) {
        jdbc.sql("INSERT INTO model_audit (changed_at, actor, action, model_version, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action, version, detail)
                .update();
    }

    private static final String SUMMARY_COLUMNS =
            "version, status, feature_names, parameters, window_start, window_end, data_fingerprint, metrics, created_at";

    private ModelSummary summary(ResultSet rs, int row) throws SQLException {
        return new ModelSummary(rs.getString("version"), Status.valueOf(rs.getString("status")),
                json.readValue(rs.getString("feature_names"), NAMES),
                json.readValue(rs.getString("parameters"), TrainingParameters.class),
                instant(rs, "window_start"), instant(rs, "window_end"), rs.getString("data_fingerprint"),
                json.readValue(rs.getString("metrics"), METRICS), rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
