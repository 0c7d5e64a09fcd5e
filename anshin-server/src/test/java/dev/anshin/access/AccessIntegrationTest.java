package dev.anshin.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class AccessIntegrationTest extends IntegrationTestSupport {

    @Autowired
    StaffUsers staff;

    @Test
    void requestWithoutKeyIsUnauthenticated() throws Exception {
        mvc.perform(post("/api/v1/authorizations").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/unauthenticated"));
    }

    @Test
    void wrongKeyIsUnauthenticated() throws Exception {
        mvc.perform(post("/api/v1/authorizations").header("X-Api-Key", "ank_thisKeyWasNeverIssuedToAnyone1")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void labelerCannotScore() throws Exception {
        postAs(Role.LABELER, "/api/v1/authorizations", authorization(newId("role"), "tok_x"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/forbidden"));
    }

    @Test
    void scorerCannotChangeRules() throws Exception {
        postAs(Role.SCORER, "/api/v1/rules", "{}").andExpect(status().isForbidden());
    }

    @Test
    void analystReadsButCannotChangeModels() throws Exception {
        mvc.perform(get("/api/v1/models").header("X-Api-Key", key(Role.ANALYST))).andExpect(status().isOk());
        postAs(Role.ANALYST, "/api/v1/models/rollback", "{}").andExpect(status().isForbidden());
    }

    @Test
    void adminIssuesAKeyThatWorks() throws Exception {
        // A fresh name: issuing again under a name with a valid key is refused (ApiKeyLifecycleIntegrationTest).
        String body = postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"" + newId("issuer") + "\",\"roles\":[\"ANALYST\"]}")
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String issued = json.readTree(body).get("apiKey").asString();
        mvc.perform(get("/api/v1/rules").header("X-Api-Key", issued)).andExpect(status().isOk());
    }

    @Test
    void adminCannotIssueKeysForPersonalDataCardNumbersOrTheAuditTrail() throws Exception {
        for (String role : new String[] {"CARD_DATA", "PRIVACY_OFFICER", "CUSTOMER_SERVICE"}) {
            postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"grab\",\"roles\":[\"ANALYST\",\"" + role + "\"]}")
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("roles"));
        }
    }

    @Test
    void healthAndApiDocsAreOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/authorizations']").exists());
    }

    @Test
    void consoleNeedsASignIn() throws Exception {
        mvc.perform(get("/console")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("サインイン")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void staffSignInWithTheirPassword() throws Exception {
        String user = "analyst-" + System.nanoTime();
        staff.save(user, "correct horse battery", EnumSet.of(Role.ANALYST));
        mvc.perform(post("/login").param("username", user).param("password", "correct horse battery")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console"));
        mvc.perform(post("/login").param("username", user).param("password", "wrong password!!"))
                .andExpect(status().isForbidden());
    }
}
