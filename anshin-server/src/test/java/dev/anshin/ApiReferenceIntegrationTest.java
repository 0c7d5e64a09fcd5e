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
