package dev.anshin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What makes the OpenAPI document a reference a client can program against, as a list of what is
 * missing: every operation under /api/ with a summary, a description and a described tag (springdoc
 * generates bare "x-controller" tags otherwise), a success answer, an example of every request body
 * and success body, a 4xx answer that is a Problem, an example of each error answer's own (saying its own
 * status); every timestamp property typed date-time.
 */
final class ApiReferenceRules {

    static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private ApiReferenceRules() {
    }

    static List<String> violations(JsonNode api) {
        List<String> found = new ArrayList<>();
        Set<String> describedTags = new HashSet<>();
        for (JsonNode tag : api.path("tags")) {
            if (!blank(tag.path("description"))) {
                describedTags.add(tag.path("name").asString());
            }
        }
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operation(api, method.getKey().toUpperCase() + " " + path.getKey(), method.getValue(),
                            describedTags, found);
                }
            }
        }
        for (Map.Entry<String, JsonNode> schema : api.path("components").path("schemas").properties()) {
            timestamps(schema.getKey(), schema.getValue(), found);
        }
        return found;
    }

    private static void operation(JsonNode api, String where, JsonNode operation, Set<String> describedTags,
            List<String> found) {
        if (blank(operation.path("summary"))) {
            found.add(where + ": no summary");
        }
        if (blank(operation.path("description"))) {
            found.add(where + ": no description");
        }
        if (operation.path("tags").isEmpty()) {
            found.add(where + ": no tag");
        }
        for (JsonNode tag : operation.path("tags")) {
            if (!describedTags.contains(tag.asString())) {
                found.add(where + ": tag '" + tag.asString() + "' is not a described tag");
            }
        }
        for (Map.Entry<String, JsonNode> media : operation.path("requestBody").path("content").properties()) {
            if (!hasExample(api, media.getValue())) {
                found.add(where + ": request body " + media.getKey() + " has no example");
            }
        }
        boolean problem = false;
        boolean success = false;
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            String status = response.getKey();
            success |= status.startsWith("2");
            for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                if (status.startsWith("2") && !hasExample(api, media.getValue())) {
                    found.add(where + ": response " + status + " " + media.getKey() + " has no example");
                }
                if (status.startsWith("4") && PROBLEM.equals(media.getValue().path("schema").path("$ref").asString())) {
                    problem = true;
                }
                if (status.startsWith("4") || status.startsWith("5")) {
                    // Its own example: the schema's shared one would show another status under this one.
                    JsonNode example = media.getValue().path("example");
                    if (example.isMissingNode() || example.isNull()) {
                        found.add(where + ": response " + status + " " + media.getKey() + " has no example of its own");
                    } else if (!status.equals(example.path("status").asString(""))
                            && !status.equals(Integer.toString(example.path("status").asInt(-1)))) {
                        found.add(where + ": response " + status + " " + media.getKey() + " shows an example of status "
                                + example.path("status"));
                    }
                }
            }
        }
        if (!success) {
            found.add(where + ": no success (2xx) response");
        }
        if (!problem) {
            found.add(where + ": no 4xx response with the Problem schema");
        }
    }

    private static boolean hasExample(JsonNode api, JsonNode media) {
        return media.has("example") || media.has("examples") || schemaHasExample(api, media.path("schema"), 0);
    }

    private static boolean schemaHasExample(JsonNode api, JsonNode schema, int depth) {
        if (depth > 10 || schema.isMissingNode()) {
            return false;
        }
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        // A file (a backup, an encrypted export): there is nothing to show inline.
        if ("binary".equals(schema.path("format").asString())) {
            return true;
        }
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return schemaHasExample(api, api.path("components").path("schemas")
                    .path(ref.substring("#/components/schemas/".length())), depth + 1);
        }
        return schema.has("items") && schemaHasExample(api, schema.get("items"), depth + 1);
    }

    private static void timestamps(String where, JsonNode schema, List<String> found) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if ((name.endsWith("At") || name.equalsIgnoreCase("timestamp"))
                    && !"date-time".equals(value.path("format").asString())) {
                found.add("schema " + where + ": " + name + " is not typed date-time");
            }
            timestamps(where + "." + name, value, found);
            timestamps(where + "." + name + "[]", value.path("items"), found);
        }
    }

    private static boolean blank(JsonNode text) {
        return !text.isString() || text.asString().isBlank();
    }
}
