package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.problems.ProblemType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document as served is a reference: {@link ApiReferenceRules} on every operation, and what they cannot see. */
class ApiReferenceIntegrationTest extends IntegrationTestSupport {

    private JsonNode api;

    @BeforeEach
    void readTheDocument() throws Exception {
        api = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void everyOperationUnderApiKeepsTheReferenceRules() {
        assertThat(ApiReferenceRules.violations(api)).isEmpty();
    }

    @Test
    void theDocumentDescribesOperationsUnderApiOnly() {
        assertThat(api.path("paths").propertyNames()).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
    }

    @Test
    void theProblemSchemaListsEveryStableProblemType() {
        JsonNode problem = api.path("components").path("schemas").path("Problem");
        for (ProblemType type : ProblemType.values()) {
            assertThat(problem.path("description").asString()).contains(type.type().toString());
        }
        assertThat(problem.path("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");
        assertThat(api.path("components").path("schemas").has("ProblemDetail")).isFalse();
    }

    @Test
    void tryItOutSendsTheApiKeyHeaderOnEveryCall() {
        JsonNode scheme = api.path("components").path("securitySchemes").path("apiKey");
        assertThat(scheme.path("type").asString()).isEqualTo("apiKey");
        assertThat(scheme.path("in").asString()).isEqualTo("header");
        assertThat(scheme.path("name").asString()).isEqualTo("X-Api-Key");
        assertThat(api.path("security").get(0).has("apiKey")).isTrue();
    }

    /**
     * The partner's application: the submit's 201 shows what a submit really answers (IDENTITY_PENDING with the
     * eKYC continueUrl), and each refusal shows itself (a 403 is a forbidden, not the schema's 422).
     */
    @Test
    void theApplicationsOperationsShowTheirOwnAnswers() {
        JsonNode submit = api.path("paths").path("/api/v1/applications").path("post").path("responses");
        JsonNode created = submit.path("201").path("content").properties().iterator().next().getValue().path("example");
        assertThat(created.path("status").asString()).isEqualTo("IDENTITY_PENDING");
        assertThat(created.path("continueUrl").asString()).startsWith("https://");
        Map<String, String> types = Map.of("403", "forbidden", "409", "conflict", "422", "validation",
                "503", "unavailable");
        types.forEach((status, type) -> {
            JsonNode example = submit.path(status).path("content").path("application/problem+json").path("example");
            assertThat(example.path("status").asInt()).as(status).isEqualTo(Integer.parseInt(status));
            assertThat(example.path("type").asString()).as(status).endsWith("/" + type);
        });
        assertThat(submit.path("422").path("content").path("application/problem+json").path("example")
                .path("errors").get(0).path("field").asString()).isEqualTo("requestedLimits.revolving");
        JsonNode read = api.path("paths").path("/api/v1/applications/{applicationId}").path("get").path("responses");
        assertThat(read.path("200").path("content").properties().iterator().next().getValue().path("example")
                .path("setupUrl").asString()).contains("/apply/resume/");
        assertThat(read.path("404").path("content").path("application/problem+json").path("example").path("status")
                .asInt()).isEqualTo(404);
    }

    /** Each operation example names an operation and status the document has, and a problem fits the Problem schema. */
    @Test
    void everyOperationExampleNamesAnAnswerThatExists() throws Exception {
        JsonNode examples;
        try (InputStream in = new ClassPathResource(OperationExamples.RESOURCE).getInputStream()) {
            examples = json.readTree(in);
        }
        Set<String> problemFields = new TreeSet<>(api.path("components").path("schemas").path("Problem")
                .path("properties").propertyNames());
        List<String> misfits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : examples.properties()) {
            String[] where = operation.getKey().split(" ", 2);
            JsonNode responses = api.path("paths").path(where[1]).path(where[0].toLowerCase()).path("responses");
            for (Map.Entry<String, JsonNode> answer : operation.getValue().properties()) {
                if (!responses.has(answer.getKey())) {
                    misfits.add(operation.getKey() + " " + answer.getKey() + ": no such answer");
                } else if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                    answer.getValue().propertyNames().stream().filter(field -> !problemFields.contains(field))
                            .forEach(field -> misfits.add(operation.getKey() + " " + answer.getKey() + ": " + field));
                }
            }
        }
        assertThat(misfits).isEmpty();
    }

    /** Each example names a schema and fits it: no field it does not have, every field it requires. */
    @Test
    void everyExampleFitsTheSchemaItShows() throws Exception {
        JsonNode examples;
        try (InputStream in = new ClassPathResource(ApiExamples.RESOURCE).getInputStream()) {
            examples = json.readTree(in);
        }
        JsonNode schemas = api.path("components").path("schemas");
        List<String> misfits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            JsonNode schema = schemas.path(example.getKey());
            if (schema.isMissingNode()) {
                misfits.add(example.getKey() + ": no such schema");
                continue;
            }
            Set<String> properties = new TreeSet<>(schema.path("properties").propertyNames());
            Set<String> given = new TreeSet<>(example.getValue().propertyNames());
            for (String field : given) {
                if (!properties.isEmpty() && !properties.contains(field)) {
                    misfits.add(example.getKey() + ": " + field + " is not in the schema");
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!given.contains(required.asString())) {
                    misfits.add(example.getKey() + ": required " + required.asString() + " is missing");
                }
            }
        }
        assertThat(misfits).isEmpty();
    }
}
