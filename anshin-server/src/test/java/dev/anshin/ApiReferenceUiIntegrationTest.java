package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.SecurityHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** Swagger UI at /api-docs, without signing in, reading /v3/api-docs. */
class ApiReferenceUiIntegrationTest extends IntegrationTestSupport {

    /** GET, following redirects as a browser would (MockMvc does not). */
    private MockHttpServletResponse follow(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
        for (int hops = 0; hops < 5 && response.getStatus() / 100 == 3; hops++) {
            response = mvc.perform(get(response.getRedirectedUrl())).andReturn().getResponse();
        }
        return response;
    }

    @Test
    void apiDocsServesSwaggerUiWithoutSignIn() throws Exception {
        MockHttpServletResponse page = follow("/api-docs");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString()).contains("swagger-ui").contains("swagger-initializer.js");
    }

    @Test
    void theUiIsConfiguredToReadTheApiDocument() throws Exception {
        assertThat(follow("/swagger-ui/swagger-initializer.js").getContentAsString())
                .contains("/v3/api-docs/swagger-config");
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/v3/api-docs"));
    }

    /** Inline style for Swagger UI alone: the other pages keep their policy, and no page may run inline script. */
    @Test
    void onlyTheReferenceAllowsInlineStyle() throws Exception {
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityHeaders.API_REFERENCE_POLICY));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityHeaders.PAGE_POLICY));
        assertThat(SecurityHeaders.API_REFERENCE_POLICY).contains("script-src 'self';")
                .doesNotContain("script-src 'self' 'unsafe");
    }
}
