package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditApiIntegrationTest extends IntegrationTestSupport {

    @Autowired
    AuditLog audit;

    private List<AuditEntry> entriesOf(String actor) {
        return audit.entries(new AuditLog.Query(null, null, actor, null, null, AuditLog.MAX_LIMIT));
    }

    private String actorOf(Role role) {
        return clients.authenticate(key(role)).orElseThrow().actor();
    }

    @Test
    void privacyOfficerSearchesEntriesAndTheReadIsRecorded() throws Exception {
        String actor = newId("bob");
        AuditEntry entry = audit.record(new AuditEvent(actor, "customer.read", "customer/c-7", "service",
                AuditOutcome.SUCCESS, "10.0.0.9", null));

        mvc.perform(get("/api/v1/audit/entries").param("actor", actor).param("from", entry.at().minusSeconds(1).toString())
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(1))
                .andExpect(jsonPath("$.entries[0].seq").value(entry.seq()))
                .andExpect(jsonPath("$.entries[0].purpose").value("service"))
                .andExpect(jsonPath("$.entries[0].hash").value(entry.hash()));

        assertThat(entriesOf(actorOf(Role.PRIVACY_OFFICER))).last()
                .satisfies(read -> {
                    assertThat(read.action()).isEqualTo("audit.read");
                    assertThat(read.detail()).contains("actor").doesNotContain(actor);
                });
    }

    @Test
    void privacyOfficerVerifiesTheChain() throws Exception {
        mvc.perform(get("/api/v1/audit/verification").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));

        assertThat(entriesOf(actorOf(Role.PRIVACY_OFFICER))).last()
                .satisfies(verify -> assertThat(verify.action()).isEqualTo("audit.verify"));
    }

    @Test
    void analystsAndAdminsAreRefusedAndTheAttemptIsRecorded() throws Exception {
        for (Role role : List.of(Role.ANALYST, Role.ADMIN)) {
            mvc.perform(get("/api/v1/audit/entries").header("X-Api-Key", key(role)))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/forbidden"));
            mvc.perform(get("/api/v1/audit/verification").header("X-Api-Key", key(role)))
                    .andExpect(status().isForbidden());

            assertThat(entriesOf(actorOf(role))).filteredOn(e -> e.action().equals("GET /api/v1/audit/entries"))
                    .last().satisfies(denied -> assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED));
        }
    }

    @Test
    void badQueryParametersAreProblems() throws Exception {
        String officer = key(Role.PRIVACY_OFFICER);
        mvc.perform(get("/api/v1/audit/entries").param("limit", "0").header("X-Api-Key", officer))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/v1/audit/entries").param("from", "yesterday").header("X-Api-Key", officer))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/v1/audit/entries").param("from", "2026-02-01T00:00:00Z").param("to", "2026-01-01T00:00:00Z")
                        .header("X-Api-Key", officer))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void failedConsoleSignInIsRecordedWithTheNameTriedButNotThePassword() throws Exception {
        String user = newId("nobody");

        mvc.perform(post("/login").param("username", user).param("password", "not-the-password-42").with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(entriesOf(user)).singleElement().satisfies(failed -> {
            assertThat(failed.action()).isEqualTo("sign-in");
            assertThat(failed.resource()).isEqualTo("console");
            assertThat(failed.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(failed.origin()).isEqualTo("127.0.0.1");
            assertThat(failed.toString()).doesNotContain("not-the-password-42");
        });
    }

    @Test
    void rejectedApiKeyIsRecordedByItsPublicIdOnly() throws Exception {
        String keyId = "ank_" + newId("x").substring(2, 10).replace("-", "Z");
        String wrongKey = keyId + "SecretPartNeverRecorded1234";

        mvc.perform(get("/api/v1/rules").header("X-Api-Key", wrongKey)).andExpect(status().isUnauthorized());

        assertThat(entriesOf("api-key:" + keyId)).singleElement().satisfies(failed -> {
            assertThat(failed.resource()).isEqualTo("api");
            assertThat(failed.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(failed.toString()).doesNotContain("SecretPart");
        });
    }

    @Test
    void adminActionsAreRecordedWithTheirOutcome() throws Exception {
        String issued = json.readTree(postAs(Role.ADMIN, "/api/v1/api-clients",
                        "{\"name\":\"" + newId("client") + "\",\"roles\":[\"ANALYST\"]}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("apiKey").asString();
        postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"no spaces allowed\",\"roles\":[\"ANALYST\"]}")
                .andExpect(status().isUnprocessableContent());

        List<AuditEntry> actions = entriesOf(actorOf(Role.ADMIN)).stream()
                .filter(e -> e.action().equals("POST /api/v1/api-clients")).toList();
        assertThat(actions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(actions.get(actions.size() - 2).outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(actions.get(actions.size() - 2).detail()).isEqualTo("HTTP 201");
        assertThat(actions.get(actions.size() - 1).outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertThat(actions).noneMatch(e -> e.toString().contains(issued));
    }

    @Test
    void scoringIsNotAnAdminAction() throws Exception {
        postAuthorization(authorization(newId("auth"), newCard().token())).andExpect(status().isOk());

        assertThat(entriesOf(actorOf(Role.SCORER))).isEmpty();
    }
}
