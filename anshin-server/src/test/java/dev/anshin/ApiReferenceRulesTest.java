package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The rules of the API reference fail on a document that breaks them: each break, on a hand-made document. */
class ApiReferenceRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One operation that keeps every rule; each test breaks one thing in it. */
    private static final String COMPLETE = """
            {
              "openapi": "3.1.0",
              "tags": [{"name": "Cards", "description": "Card registry"}],
              "paths": {
                "/api/v1/cards/{token}/block": {
                  "post": {
                    "tags": ["Cards"],
                    "summary": "Block a card",
                    "description": "Role ADMIN.",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reason"}}}},
                    "responses": {
                      "200": {"description": "The card", "content": {"application/json": {
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}}}}},
                      "404": {"description": "No such card", "content": {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"},
                        "example": {"type": "https://anshin.dev/problems/not-found", "status": 404}}}}
                    }
                  }
                }
              },
              "components": {"schemas": {
                "Reason": {"type": "object", "properties": {"note": {"type": "string"}}, "example": {"note": "lost"}},
                "Card": {"type": "object", "properties": {"createdAt": {"type": "string", "format": "date-time"}},
                  "example": {"createdAt": "2026-12-07T01:00:00Z"}},
                "Problem": {"type": "object"}
              }}
            }
            """;

    private static ObjectNode complete() {
        return (ObjectNode) JSON.readTree(COMPLETE);
    }

    private static ObjectNode operation(JsonNode api) {
        return (ObjectNode) api.path("paths").path("/api/v1/cards/{token}/block").path("post");
    }

    @Test
    void aCompleteDocumentHasNoViolation() {
        assertThat(ApiReferenceRules.violations(complete())).isEmpty();
    }

    @Test
    void anOperationWithoutSummaryIsReported() {
        ObjectNode api = complete();
        operation(api).remove("summary");
        assertThat(ApiReferenceRules.violations(api)).containsExactly("POST /api/v1/cards/{token}/block: no summary");
    }

    @Test
    void anOperationWithoutDescriptionIsReported() {
        ObjectNode api = complete();
        operation(api).put("description", " ");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: no description");
    }

    @Test
    void aGeneratedTagWithoutDescriptionIsReported() {
        ObjectNode api = complete();
        operation(api).putArray("tags").add("card-controller");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: tag 'card-controller' is not a described tag");
    }

    @Test
    void aRequestBodyWithoutExampleIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) api.path("components").path("schemas").path("Reason")).remove("example");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: request body application/json has no example");
    }

    @Test
    void aSuccessBodyWithoutExampleIsReportedThroughArraysAndReferences() {
        ObjectNode api = complete();
        ((ObjectNode) api.path("components").path("schemas").path("Card")).remove("example");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: response 200 application/json has no example");
    }

    @Test
    void anOperationWithoutProblemResponseIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) operation(api).path("responses")).remove("404");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: no 4xx response with the Problem schema");
    }

    @Test
    void anErrorAnswerWithoutAnExampleOfItsOwnIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) operation(api).path("responses").path("404").path("content").path("application/problem+json"))
                .remove("example");
        assertThat(ApiReferenceRules.violations(api)).containsExactly(
                "POST /api/v1/cards/{token}/block: response 404 application/problem+json has no example of its own");
    }

    @Test
    void anErrorAnswerShowingAnotherStatusIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) operation(api).path("responses").path("404").path("content").path("application/problem+json")
                .path("example")).put("status", 422);
        assertThat(ApiReferenceRules.violations(api)).containsExactly(
                "POST /api/v1/cards/{token}/block: response 404 application/problem+json shows an example of status 422");
    }

    @Test
    void anOperationWithoutSuccessResponseIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) operation(api).path("responses")).remove("200");
        assertThat(ApiReferenceRules.violations(api))
                .containsExactly("POST /api/v1/cards/{token}/block: no success (2xx) response");
    }

    @Test
    void aTimestampWithoutDateTimeFormatIsReported() {
        ObjectNode api = complete();
        ((ObjectNode) api.path("components").path("schemas").path("Card").path("properties").path("createdAt"))
                .remove("format");
        assertThat(ApiReferenceRules.violations(api)).containsExactly("schema Card: createdAt is not typed date-time");
    }

    @Test
    void pathsOutsideTheApiAreNotHeldToTheRules() {
        ObjectNode api = complete();
        ((ObjectNode) api.path("paths")).putObject("/console/stats").putObject("get");
        assertThat(ApiReferenceRules.violations(api)).isEmpty();
    }
}
