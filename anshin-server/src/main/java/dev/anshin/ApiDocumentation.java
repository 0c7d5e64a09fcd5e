package dev.anshin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: title, and the API-key scheme every /api call uses. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI anshinOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Anshin API").version("v1")
                        .description("Fraud scoring for card issuers. Errors are RFC 9457 problem details "
                                + "(application/problem+json) with a stable type URI under https://anshin.dev/problems/. "
                                + "Bodies are read strictly: a number where an integer is meant must be a JSON integer, "
                                + "a boolean true or false, a string a JSON string, and no key may be given twice "
                                + "(422 validation naming the field). Text takes no control or bidirectional "
                                + "formatting characters, and free text no card number."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-Api-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
