package dev.anshin;

import dev.anshin.problems.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error side of every operation under /api, said once: the one Problem schema (RFC 9457 with
 * Anshin's {@code errors}), the refusals any call can get (401, 403, 429, 503), those of any body
 * (400, 413, 415, 422) or query (422), and of an id in the path (404). An operation declares only its
 * own refusals (a 409, a 410…), by status and description; their body is filled in here.
 */
final class ProblemResponses implements OpenApiCustomizer {

    static final String SCHEMA = "Problem";
    static final String FIELD_SCHEMA = "FieldProblem";
    static final String REF = "#/components/schemas/" + SCHEMA;
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas(SCHEMA, problemSchema());
        components.addSchemas(FIELD_SCHEMA, fieldProblemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(ProblemResponses::describeRefusals);
            }
        });
    }

    private static void describeRefusals(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body) {
            add(responses, ProblemType.MALFORMED_REQUEST, "The body is not JSON, or not the object expected "
                    + "(type malformed-request).", "The request body is not valid JSON.");
            add(responses, ProblemType.PAYLOAD_TOO_LARGE, "The body is over the size limit (type payload-too-large).",
                    "The request body exceeds the limit.");
            add(responses, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body is not application/json "
                    + "(type unsupported-media-type).", "Send application/json.");
        }
        if (body || parameters.stream().anyMatch(p -> "query".equals(p.getIn()))) {
            add(responses, ProblemType.VALIDATION, "Invalid fields or parameters (type validation): "
                    + "each is named in errors.", "The request has invalid fields.");
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            add(responses, ProblemType.NOT_FOUND, "Nothing has this id (type not-found).", "Nothing has this id.");
        }
        add(responses, ProblemType.UNAUTHENTICATED, "No valid API key in X-Api-Key (type unauthenticated, "
                + "api-key-expired or api-key-revoked).", "Send a valid API key in the X-Api-Key header.");
        add(responses, ProblemType.FORBIDDEN, "This key's role does not allow the call (type forbidden).",
                "This client's role does not allow this request.");
        add(responses, ProblemType.RATE_LIMITED, "Over this key's or this address's request rate (type "
                + "rate-limited); retry after Retry-After.",
                "Too many requests (over the limit of this key). Retry after 1 s.");
        add(responses, ProblemType.UNAVAILABLE, "The database cannot be reached (type unavailable); retry after "
                + "Retry-After.", "The database is unavailable; retry later.");
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problemBody(status, response);
            }
        });
    }

    /**
     * Adds the refusal, with an example problem saying {@code detail}, unless the operation describes
     * that status itself (its words are the more precise).
     */
    private static void add(ApiResponses responses, ProblemType type, String description, String detail) {
        String status = Integer.toString(type.status().value());
        if (responses.containsKey(status)) {
            return;
        }
        MediaType media = new MediaType().schema(new Schema<>().$ref(REF)).example(example(type, detail));
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, media)));
    }

    /**
     * An error answer is always a problem: the shared schema, whatever the operation said of its body; and an
     * example of its own, with its own status (otherwise Swagger UI shows the schema's example, a 422, under a
     * 403 or a 409). An operation's refusal without an example gets the first problem type of that status,
     * saying the operation's own description; {@link OperationExamples} gives the more precise ones.
     */
    private static void problemBody(String status, ApiResponse response) {
        Content content = response.getContent();
        MediaType media = content == null ? null : content.get(PROBLEM_JSON);
        if (media == null) {
            media = new MediaType();
        }
        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
            for (ProblemType type : ProblemType.values()) {
                if (Integer.toString(type.status().value()).equals(status)) {
                    media.setExample(example(type, response.getDescription() == null ? type.title()
                            : response.getDescription()));
                    break;
                }
            }
        }
        media.setSchema(new Schema<>().$ref(REF));
        response.setContent(new Content().addMediaType(PROBLEM_JSON, media));
    }

    private static Map<String, Object> example(ProblemType type, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.type().toString());
        example.put("title", type.title());
        example.put("status", type.status().value());
        example.put("detail", detail);
        example.put("errors", type == ProblemType.VALIDATION
                ? List.of(Map.of("field", "customerId", "message", "is required"))
                : List.of());
        return example;
    }

    private static Schema<?> problemSchema() {
        String types = Arrays.stream(ProblemType.values())
                .map(t -> "- `" + t.type() + "` (" + t.status().value() + "): " + t.title())
                .collect(Collectors.joining("\n"));
        Schema<Object> schema = typed(new Schema<>(), "object")
                .description("A refusal or an error, as RFC 9457 problem details (application/problem+json). "
                        + "Clients switch on `type`, a stable URI: a type is never renamed, new ones may be added. "
                        + "The types Anshin answers with:\n\n" + types);
        schema.addProperty("type", typed(new Schema<>(), "string").format("uri")
                .description("What went wrong, as a stable URI (see the list above)")
                .example(ProblemType.VALIDATION.type().toString()));
        schema.addProperty("title", typed(new Schema<>(), "string").description("The type's short, fixed summary")
                .example(ProblemType.VALIDATION.title()));
        schema.addProperty("status", typed(new Schema<>(), "integer").format("int32")
                .description("The HTTP status code").example(ProblemType.VALIDATION.status().value()));
        schema.addProperty("detail", typed(new Schema<>(), "string").description("What went wrong with this request")
                .example("The request has invalid fields."));
        schema.addProperty("instance", typed(new Schema<>(), "string").format("uri-reference")
                .description("The request's path, when known").example("/api/v1/authorizations"));
        schema.addProperty("errors", typed(new Schema<>(), "array")
                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_SCHEMA))
                .description("The offending fields (empty when the problem is not about fields)"));
        schema.setRequired(new ArrayList<>(List.of("type", "title", "status", "detail", "errors")));
        return schema;
    }

    private static Schema<?> fieldProblemSchema() {
        Schema<Object> schema = typed(new Schema<>(), "object").description("One offending field of a request");
        schema.addProperty("field", typed(new Schema<>(), "string")
                .description("The field's JSON path, or the parameter's name").example("amount.minor"));
        schema.addProperty("message", typed(new Schema<>(), "string").description("What is wrong with it")
                .example("has the wrong type, format or range"));
        schema.setRequired(new ArrayList<>(List.of("field", "message")));
        return schema;
    }

    /** The type said both ways: OpenAPI 3.0's {@code type} and 3.1's {@code types}, whichever the document is written in. */
    private static Schema<Object> typed(Schema<Object> schema, String type) {
        schema.setType(type);
        schema.addType(type);
        return schema;
    }
}
