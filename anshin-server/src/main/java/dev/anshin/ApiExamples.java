package dev.anshin;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
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
 * An example of every body, one per schema, kept as plain JSON in {@value #RESOURCE}: readable and
 * reviewable as the client would send or see it, instead of escaped strings in annotations on the
 * domain's records. ApiReferenceIntegrationTest holds each to its schema (no unknown field, every
 * required one), so an example cannot drift from the record it shows.
 */
final class ApiExamples implements OpenApiCustomizer {

    static final String RESOURCE = "openapi/examples.json";

    private final Map<String, Object> examples;

    ApiExamples(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.examples = json.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        examples.forEach((name, example) -> {
            Schema<?> schema = schemas.get(name);
            if (schema != null) {
                schema.setExample(example);
            }
        });
    }
}
