package dev.anshin.fraud.models;

import dev.anshin.fraud.ModelTraining;
import dev.anshin.fraud.models.ModelRegistry.AuditEntry;
import dev.anshin.fraud.models.ModelRegistry.ModelSummary;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.training.NothingToLearn;
import dev.anshin.training.TrainedModel;
import dev.anshin.training.TrainingParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The model registry over HTTP: list, import, train, activate, shadow, retire, roll back, audit. */
@Tag(name = "Models", description = "The model registry: models imported or trained here, which one scores (active), "
        + "which one is scored alongside for comparison (shadow), retired ones, and the registry's audit trail")
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private final ModelRegistry registry;
    private final ModelTraining training;

    private final JsonMapper json;

    ModelController(ModelRegistry registry, ModelTraining training, JsonMapper json) {
        this.registry = registry;
        this.training = training;
        this.json = json;
    }

    @Operation(summary = "List the models", description = "Every registered model with its status and metrics. "
            + "Role: ANALYST or ADMIN.")
    @GetMapping
    List<ModelSummary> models() {
        return registry.list();
    }

    @Operation(summary = "Read the registry's audit trail", description = "Every registration and status change of "
            + "a model: who, what, when. Role: ANALYST or ADMIN.")
    @GetMapping("/audit")
    List<AuditEntry> audit() {
        return registry.audit();
    }

    @Operation(summary = "Read a model", description = "One registered model. Role: ANALYST or ADMIN.")
    @GetMapping("/{version}")
    ModelSummary model(@PathVariable String version) {
        return registry.find(version).orElseThrow(() -> RequestProblem.notFound("No model with this version."));
    }

    /** A model trained elsewhere, in XGBoost's JSON format, with the feature order it was trained on. */
    @Schema(requiredProperties = {"xgboostJson", "featureNames"})
    record ModelImport(Object xgboostJson, List<String> featureNames, TrainingParameters parameters,
            @Schema(format = "date-time") String windowStart, @Schema(format = "date-time") String windowEnd,
            String dataFingerprint, Map<String, Double> metrics) {
    }

    @Operation(summary = "Import a model", description = "Registers a model trained elsewhere, in XGBoost's JSON "
            + "format (as an object or a string), with the feature names in the order it was trained on. It starts "
            + "as a shadow: scored alongside the active model, deciding nothing until activated. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "The registered model")
    @PostMapping
    ResponseEntity<ModelSummary> importModel(@RequestBody ModelImport request, Principal actor) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.xgboostJson() == null) {
            errors.add(new FieldProblem("xgboostJson", "is required (the model JSON, as an object or a string)"));
        }
        if (request.featureNames() == null || request.featureNames().isEmpty()) {
            errors.add(new FieldProblem("featureNames", "is required"));
        } else if (request.featureNames().stream().anyMatch(name -> name == null || name.isBlank())) {
            errors.add(new FieldProblem("featureNames", "must not hold blank names"));
        }
        // Stored with the model and shown in the registry: an id-like fingerprint, metrics by short names.
        if (request.dataFingerprint() != null && (request.dataFingerprint().length() > 128
                || !Ids.isToken(request.dataFingerprint()))) {
            errors.add(new FieldProblem("dataFingerprint", "at most 128 letters, digits, '.', '_', ':' or '-'"));
        }
        if (request.metrics() != null && (request.metrics().size() > 10_000 || request.metrics().entrySet().stream()
                .anyMatch(m -> m.getKey().length() > 64 || !Ids.isToken(m.getKey()) || m.getValue() == null
                        || !Double.isFinite(m.getValue())))) {
            errors.add(new FieldProblem("metrics", "at most 10000 finite numbers named by 1 to 64 letters, digits, "
                    + "'.', '_', ':' or '-'"));
        }
        Instant start = time(request.windowStart(), "windowStart", errors);
        Instant end = time(request.windowEnd(), "windowEnd", errors);
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
        String modelJson = request.xgboostJson() instanceof String text ? text
                : json.writeValueAsString(request.xgboostJson());
        ModelSummary registered = registry.register(new TrainedModel(modelJson, request.featureNames(),
                request.parameters(), start, end, request.dataFingerprint(),
                request.metrics() == null ? Map.of() : request.metrics()), actor.getName());
        return ResponseEntity.created(URI.create("/api/v1/models/" + registered.version())).body(registered);
    }

    @Schema(requiredProperties = {"from", "to"})
    record TrainingWindow(@Schema(format = "date-time") String from, @Schema(format = "date-time") String to) {
    }

    @Operation(summary = "Train a model", description = "Trains a model on the stored authorizations and fraud labels of "
            + "the window and registers it as a shadow. The window must hold both fraud and genuine authorizations "
            + "(422 nothing-to-learn otherwise). Runs while the request waits. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "The trained, registered model")
    @ApiResponse(responseCode = "422", description = "Invalid window (type validation), or a window without both fraud "
            + "and genuine authorizations (type nothing-to-learn)")
    @PostMapping("/train")
    ResponseEntity<ModelSummary> train(@RequestBody TrainingWindow window, Principal actor) {
        List<FieldProblem> errors = new ArrayList<>();
        Instant from = time(window.from(), "from", errors);
        Instant to = time(window.to(), "to", errors);
        if (from == null && errors.isEmpty()) {
            errors.add(new FieldProblem("from", "is required"));
        }
        if (to == null && errors.isEmpty()) {
            errors.add(new FieldProblem("to", "is required"));
        }
        if (errors.isEmpty() && !from.isBefore(to)) {
            errors.add(new FieldProblem("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
        ModelSummary trained;
        try {
            trained = training.train(from, to, actor.getName());
        } catch (NothingToLearn nothing) {
            throw new RequestProblem(ProblemType.NOTHING_TO_LEARN, "The window holds " + nothing.rows()
                    + " authorizations, " + nothing.frauds() + " of them labelled fraud: training needs both fraud "
                    + "and genuine ones.", List.of(new FieldProblem("from", "window without both fraud and genuine "
                    + "authorizations")));
        }
        return ResponseEntity.created(URI.create("/api/v1/models/" + trained.version())).body(trained);
    }

    @Operation(summary = "Activate a model", description = "Makes this model the one that decides, from the next "
            + "authorization on; the model active before is retired (a roll-back brings it back). Role: ADMIN.")
    @PostMapping("/{version}/activate")
    ModelSummary activate(@PathVariable String version, Principal actor) {
        return registry.activate(version, actor.getName());
    }

    @Operation(summary = "Shadow a model", description = "Scores this model alongside the active one, for comparison; "
            + "its scores decide nothing. The active model cannot be a shadow (409). Role: ADMIN.")
    @ApiResponse(responseCode = "200", description = "The model, now a shadow")
    @ApiResponse(responseCode = "409", description = "This is the active model (type conflict)")
    @PostMapping("/{version}/shadow")
    ModelSummary shadow(@PathVariable String version, Principal actor) {
        return registry.shadow(version, actor.getName());
    }

    @Operation(summary = "Retire a model", description = "Takes the model out of use; with the active model retired "
            + "and none in its place, the rules alone decide (mode NO_MODEL). Role: ADMIN.")
    @PostMapping("/{version}/retire")
    ModelSummary retire(@PathVariable String version, Principal actor) {
        return registry.retire(version, actor.getName());
    }

    @Operation(summary = "Roll back to the previous model", description = "Activates the model that was active before "
            + "the current one. Role: ADMIN.")
    @ApiResponse(responseCode = "200", description = "The model active again")
    @ApiResponse(responseCode = "409", description = "No model is active, or there is no earlier one (type conflict)")
    @PostMapping("/rollback")
    ModelSummary rollback(Principal actor) {
        return registry.rollback(actor.getName());
    }

    /**
     * Window bounds the database can store and compare: no authorization is older than 2000 (the
     * scoring API refuses them), and a year beyond 9999 overflows SQL timestamps.
     */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant time(String value, String field, List<FieldProblem> errors) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem(field, "must be an ISO-8601 date-time with offset"));
            return null;
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            errors.add(new FieldProblem(field, "must be between 2000-01-01 and 9999-12-31"));
            return null;
        }
        return at;
    }
}
