package dev.anshin;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Examples of one operation's own answers, where the schema's single example would mislead (the answer to a
 * submit is not the answer to a read; a 409 is not a 422), kept as plain JSON in {@value #RESOURCE}:
 * {@code "METHOD /path": {"status": example}}. An error example goes on the problem body
 * (application/problem+json), a success example on every media type the answer has.
 */
final class OperationExamples implements OpenApiCustomizer {

    static final String RESOURCE = "openapi/operation-examples.json";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final Map<String, Map<String, Object>> examples;

    OperationExamples(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.examples = json.readValue(in, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        examples.forEach((where, byStatus) -> {
            String method = where.substring(0, where.indexOf(' '));
            PathItem item = api.getPaths().get(where.substring(where.indexOf(' ') + 1));
            Operation operation = item == null ? null
                    : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
            if (operation == null || operation.getResponses() == null) {
                return;
            }
            byStatus.forEach((status, example) -> {
                ApiResponse response = operation.getResponses().get(status);
                if (response == null) {
                    return;
                }
                if (status.startsWith("4") || status.startsWith("5")) {
                    Content content = response.getContent() == null ? new Content() : response.getContent();
                    MediaType media = content.get(PROBLEM_JSON);
                    if (media == null) {
                        media = new MediaType().schema(new Schema<>().$ref(ProblemResponses.REF));
                        content.addMediaType(PROBLEM_JSON, media);
                    }
                    media.setExample(example);
                    response.setContent(content);
                } else if (response.getContent() != null) {
                    response.getContent().values().forEach(media -> media.setExample(example));
                }
            });
        });
    }
}
