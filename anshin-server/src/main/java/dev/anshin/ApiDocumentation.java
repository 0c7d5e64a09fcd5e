package dev.anshin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at /v3/api-docs, and its reader (Swagger UI) at /api-docs: title, the API-key
 * scheme every /api call uses (Swagger UI's "Authorize" sends it as X-Api-Key), the problem responses
 * ({@link ProblemResponses}) the bodies' examples ({@link ApiExamples}) and
 * an operation's own answers' examples ({@link OperationExamples}). Each operation's words
 * (tag, summary, description, its own refusals) are on its controller.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI anshinOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Anshin API").version("v1")
                        .description("Fraud scoring for card issuers. Every call sends an API key in the X-Api-Key "
                                + "header; the role the key holds decides what it may call (each operation says "
                                + "which). Errors are RFC 9457 problem details "
                                + "(application/problem+json, the Problem schema) with a stable type URI under "
                                + "https://anshin.dev/problems/. "
                                + "Bodies are read strictly: a number where an integer is meant must be a JSON integer, "
                                + "a boolean true or false, a string a JSON string, and no key may be given twice "
                                + "(422 validation naming the field). Text takes no control or bidirectional "
                                + "formatting characters, and free text no card number. Times are ISO-8601 with an "
                                + "offset; amounts are whole minor units of their currency."))
                .components(new Components().addSecuritySchemes(API_KEY,
                        new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-Api-Key")
                                .description("An API key issued to a client (POST /api/v1/api-clients) or "
                                        + "configured at start; its roles decide what it may call")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OpenApiCustomizer apiExamples(JsonMapper json) {
        return new ApiExamples(json);
    }

    @Bean
    OpenApiCustomizer operationExamples(JsonMapper json) {
        return new OperationExamples(json);
    }
}
