package dev.anshin.access;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The staff pages (fraud console, case console, data map, request queue) and the API answer with
 * a content security policy, no referrer, no sniffing, no framing and no caching: today's pages
 * show personal data. HSTS only on HTTPS, and not for loopback names. (The portal's pages: PortalIntegrationTest, and all of it
 * over real TLS: TlsIntegrationTest.)
 */
class SecurityHeadersIntegrationTest extends IntegrationTestSupport {

    @Test
    void staffPagesCarryThePagePolicyAndAreNeverCached() throws Exception {
        pageHeaders(mvc.perform(get("/login")).andExpect(status().isOk()));
        pageHeaders(mvc.perform(get("/console").with(user("analyst").roles("ANALYST"))).andExpect(status().isOk()));
        pageHeaders(mvc.perform(get("/console/disputes").with(user("analyst").roles("ANALYST"))).andExpect(status().isOk()));
        pageHeaders(mvc.perform(get("/privacy/data-map").with(user("privacy").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()));
        pageHeaders(mvc.perform(get("/privacy/requests").with(user("support").roles("CUSTOMER_SERVICE")))
                .andExpect(status().isOk()));
    }

    @Test
    void apiAnswersMayNotBeLoadedFramedOrCached() throws Exception {
        mvc.perform(get("/api/v1/rules").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityHeaders.API_POLICY))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")));
    }

    @Test
    void hstsIsSentOnHttpsOnlyAndNotForLoopbackNames() throws Exception {
        mvc.perform(get("/login").with(named("anshin.example.jp"))).andExpect(header().doesNotExist("Strict-Transport-Security"));
        mvc.perform(get("/login").secure(true).with(named("anshin.example.jp")))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        mvc.perform(get("/api/v1/ping").secure(true).with(named("anshin.example.jp")).header("X-Api-Key", key(Role.SCORER)))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        for (String loopback : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
            mvc.perform(get("/login").secure(true).with(named(loopback)))
                    .andExpect(header().doesNotExist("Strict-Transport-Security"));
        }
    }

    /**
     * The URL, media type and body limits refuse before Spring Security's filters run, so they set the headers
     * themselves: the same as any API answer, HSTS included, on the API and on the pages' doors.
     */
    @Test
    void refusalsWrittenBeforeTheSecurityFiltersCarryTheHeadersToo() throws Exception {
        String longQuery = "?q=" + "x".repeat(3_000);
        for (String path : new String[] {"/api/v1/ping", "/portal/login", "/login"}) {
            earlyRefusal(mvc.perform(get(path + longQuery).secure(true).with(named("anshin.example.jp")))
                    .andExpect(status().isUriTooLong()));
            earlyRefusal(mvc.perform(post(path).secure(true).with(named("anshin.example.jp"))
                            .contentType(path.startsWith("/api/") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_FORM_URLENCODED)
                            .content(new byte[200_000]))
                    .andExpect(status().isPayloadTooLarge()));
        }
        earlyRefusal(mvc.perform(post("/api/v1/authorizations").secure(true).with(named("anshin.example.jp"))
                        .contentType(MediaType.TEXT_PLAIN).content("not json"))
                .andExpect(status().isUnsupportedMediaType()));
        earlyRefusal(mvc.perform(get("/api/v1/ping").param("q", "a\u0000b").secure(true).with(named("anshin.example.jp")))
                .andExpect(status().isUnprocessableEntity()));
        mvc.perform(get("/api/v1/ping" + longQuery).secure(true).with(named("localhost")))
                .andExpect(status().isUriTooLong())
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    private static void earlyRefusal(ResultActions refusal) throws Exception {
        refusal.andExpect(header().string("Content-Security-Policy", SecurityHeaders.API_POLICY))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
    }

    private static RequestPostProcessor named(String serverName) {
        return request -> {
            request.setServerName(serverName);
            return request;
        };
    }

    private static void pageHeaders(ResultActions page) throws Exception {
        page.andExpect(header().string("Content-Security-Policy", SecurityHeaders.PAGE_POLICY))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self';")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")));
    }
}
