package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Four-eyes for provisions: asking provides nothing; a second privacy officer's approval, signed in on the
 * console page, makes the provision and its records; the officer who asked is refused (four-eyes), as is an
 * API key (the API has no approval) and an expired or rejected request, and nothing is provided then; each
 * step audited.
 */
class ProvisionApprovalIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Provisions provisions;

    @Autowired
    ProvisionRetention retention;

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A recipient and a customer who consented to it; answers {recipient, customer}. */
    String[] recipientAndConsentingCustomer() throws Exception {
        String recipient = "fe-" + tag();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients", ProvisionIntegrationTest.recipientBody(recipient,
                ProvisionIntegrationTest.publicJson(ProvisionIntegrationTest.recipientPrivateKeyset()),
                List.of("NAME_KANJI", "EMAIL"))).andExpect(status().isCreated());
        String customer = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber",
                        "FE-" + tag(), "values", Map.of("NAME_KANJI", "四目花子", "EMAIL", "fe." + tag() + "@example.jp")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("customerId").asString();
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer + "/consents", Map.of("purpose",
                "THIRD_PARTY_PROVISION", "recipient", recipient, "granted", true, "channel", "PORTAL",
                "noticeVersion", "2026-04")).andExpect(status().isOk());
        return new String[] {recipient, customer};
    }

    JsonNode ask(String requestId, String recipient, String customer) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("recipient", recipient);
        body.put("customerIds", List.of(customer));
        body.put("items", List.of("EMAIL"));
        return json.readTree(postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", body)
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(
                        "/api/v1/privacy/provision-requests/")))
                .andReturn().getResponse().getContentAsString());
    }

    long provided(String customer) {
        return jdbc.sql("SELECT COUNT(*) FROM provision_records WHERE customer_id = ?").param(customer)
                .query(Long.class).single();
    }

    long audited(String action, String id, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND resource = ? AND outcome = ?")
                .params(action, "provision-request/" + id, outcome).query(Long.class).single();
    }

    /** Approves on the console page as the staff user named (a signed-in person). */
    org.springframework.test.web.servlet.ResultActions approveOnPage(String id, String officer) throws Exception {
        return mvc.perform(post("/privacy/provisions/" + id + "/approval")
                .with(user(officer).roles("PRIVACY_OFFICER")).with(csrf()));
    }

    /** Someone holding a PRIVACY_OFFICER API key, as the API names them. */
    static Actor apiKey(String client) {
        return new Actor("api:" + client + "/k" + tag(), Set.of(Role.PRIVACY_OFFICER), "test");
    }

    @Test
    void askingProvidesNothingAndOnlyASecondOfficerSignedInApproves() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        String requestId = "fe-" + tag();
        JsonNode pending = ask(requestId, rc[0], rc[1]);
        String id = pending.get("id").asString();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.get("consoleUrl").asString()).isEqualTo("/privacy/provisions/" + id);
        assertThat(pending.get("approvalUrl").asString()).as("where the approval is given: the page")
                .isEqualTo("/privacy/provisions/" + id);
        assertThat(provided(rc[1])).as("nothing leaves before the approval").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provisions WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).isZero();
        assertThat(audited("provision.request", id, "SUCCESS")).isOne();

        // The API has no approval or rejection: a key names no person.
        for (String step : List.of("/approval", "/rejection")) {
            mvc.perform(post("/api/v1/privacy/provision-requests/" + id + step).header("X-Api-Key", secondOfficerKey())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"OTHER\"}"))
                    .andExpect(status().isNotFound());
        }
        // And were one to reach the privacy module with a key's name, it is refused, audited.
        assertThatThrownBy(() -> provisions.approval(apiKey("another-client"), id))
                .isInstanceOfSatisfying(dev.anshin.problems.RequestProblem.class,
                        refused -> assertThat(refused.type()).isEqualTo(dev.anshin.problems.ProblemType.FOUR_EYES));
        assertThat(provided(rc[1])).isZero();
        assertThat(audited("provision.approve", id, "DENIED")).isOne();

        approveOnPage(id, "second-officer").andExpect(status().is3xxRedirection());
        assertThat(provided(rc[1])).isOne();
        assertThat(audited("provision.approve", id, "SUCCESS")).isOne();
        String provisionId = json.readTree(mvc.perform(get("/api/v1/privacy/provision-requests/" + id)
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decidedBy").value("second-officer"))
                .andReturn().getResponse().getContentAsString()).get("provisionId").asString();
        mvc.perform(get("/api/v1/privacy/provisions/" + provisionId).header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk());
        // Approved again (a double click): the same provision, nothing more provided.
        approveOnPage(id, "second-officer").andExpect(status().is3xxRedirection());
        assertThat(provided(rc[1])).isOne();
    }

    @Test
    void theLoserOfTwoApproversIsToldItWasApprovedAlreadyAndAuditedSo() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        JsonNode pending = ask("fe-" + tag(), rc[0], rc[1]);
        String id = pending.get("id").asString();
        Provisions.Approval first = provisions.approval(new Actor("second-officer", Set.of(Role.PRIVACY_OFFICER),
                "test"), id);
        assertThat(first.made()).isTrue();
        String provisionId = first.provision().provisionId();
        // The loser read the request while it was still pending: its provision collides with the winner's.
        jdbc.sql("UPDATE provision_requests SET status = 'PENDING', decided_by = NULL, decided_at = NULL, "
                + "provision_id = NULL WHERE id = ?").param(id).update();
        Provisions.Approval second = provisions.approval(new Actor("third-officer", Set.of(Role.PRIVACY_OFFICER),
                "test"), id);
        assertThat(second.made()).isFalse();
        assertThat(second.provision().provisionId()).isEqualTo(provisionId);
        assertThat(provided(rc[1])).isOne();
        assertThat(audited("provision.approve", id, "SUCCESS")).as("one approval").isOne();
        assertThat(audited("provision.approve", id, "FAILURE")).as("the loser: already approved").isOne();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'provision.approve' AND resource = ? AND "
                + "outcome = 'FAILURE'").param("provision-request/" + id).query(String.class).single())
                .startsWith("already approved");
    }

    @Test
    void aRequestIdOfAProvisionMadeBeforeApprovalsAnswersThatProvision() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        String requestId = "fe-" + tag();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("recipient", rc[0]);
        body.put("customerIds", List.of(rc[1]));
        body.put("items", List.of("EMAIL"));
        String provisionId = json.readTree(provideApproved(body).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).get("provisionId").asString();
        // As a provision made before four-eyes: no request of it is kept.
        jdbc.sql("DELETE FROM provision_requests WHERE request_id = ?").param(requestId).update();

        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.provisionId").value(provisionId));
        Map<String, Object> other = new LinkedHashMap<>(body);
        other.put("items", List.of("NAME_KANJI"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", other)
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provision_requests WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).as("nothing asked again").isZero();
        assertThat(provided(rc[1])).isOne();
    }

    @Test
    void anotherKeyOfTheSameClientIsTheSamePerson() {
        assertThat(Provisions.samePerson("api:demo-privacy-officer/ab12cd", "api:demo-privacy-officer/ef34gh")).isTrue();
        assertThat(Provisions.samePerson("privacy", "privacy")).isTrue();
        assertThat(Provisions.samePerson("privacy", "api:privacy/ab12cd")).isFalse();
        assertThat(Provisions.samePerson("alice", "bob")).isFalse();
    }

    @Test
    void aRequestNotApprovedInTimeExpiresAndProvidesNothing() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        JsonNode pending = ask("fe-" + tag(), rc[0], rc[1]);
        String id = pending.get("id").asString();
        jdbc.sql("UPDATE provision_requests SET expires_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), id).update();
        String refused = approveOnPage(id, "second-officer").andExpect(status().isGone())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"error\"");
        assertThat(provided(rc[1])).isZero();
        mvc.perform(get("/api/v1/privacy/provision-requests/" + id).header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(jsonPath("$.status").value("EXPIRED"));
        retention.purge(Instant.now());
        assertThat(jdbc.sql("SELECT status FROM provision_requests WHERE id = ?").param(id).query(String.class)
                .single()).isEqualTo("EXPIRED");
        assertThat(audited("provision.expire", id, "SUCCESS")).as("the expiry is audited").isOne();
        retention.purge(Instant.now());
        assertThat(audited("provision.expire", id, "SUCCESS")).as("once").isOne();
    }

    @Test
    void aRejectedRequestProvidesNothingAndCannotBeApprovedAfterwards() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        JsonNode pending = ask("fe-" + tag(), rc[0], rc[1]);
        String id = pending.get("id").asString();
        String rejection = "/privacy/provisions/" + id + "/rejection";
        mvc.perform(post(rejection).with(secondOfficer()).with(csrf()).param("reason", "BECAUSE"))
                .andExpect(status().isUnprocessableContent());
        // Not with an API key's name: a named person decides.
        assertThatThrownBy(() -> provisions.reject(apiKey("fe-client"), id, Provisions.Rejection.WRONG_ITEMS))
                .isInstanceOfSatisfying(dev.anshin.problems.RequestProblem.class,
                        refused -> assertThat(refused.type()).isEqualTo(dev.anshin.problems.ProblemType.FOUR_EYES));
        assertThat(audited("provision.reject", id, "DENIED")).isOne();
        // A privacy officer signed in (the one who asked may withdraw it, too).
        mvc.perform(post(rejection).with(secondOfficer()).with(csrf()).param("reason", "WRONG_ITEMS"))
                .andExpect(status().is3xxRedirection());
        assertThat(provisions.pending(id).status()).isEqualTo(ProvisionRequestStatus.REJECTED);
        assertThat(provisions.pending(id).rejection()).isEqualTo("WRONG_ITEMS");
        approveOnPage(id, "second-officer").andExpect(status().isConflict());
        assertThat(provided(rc[1])).isZero();
        assertThat(audited("provision.reject", id, "SUCCESS")).isOne();
        assertThat(audited("provision.approve", id, "DENIED")).as("approving a rejected request").isOne();
    }

    @Test
    void askingForNobodyWhoCanBeProvidedIsRefusedAndNothingWaits() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        String requestId = "fe-" + tag();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", Map.of("requestId", requestId, "recipient", rc[0],
                        "customerIds", List.of(UUID.randomUUID().toString()), "items", List.of("EMAIL")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/consent-required"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provision_requests WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).isZero();
        mvc.perform(get("/api/v1/privacy/provision-requests").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theSecondOfficerApprovesOnTheConsolePageAndTheOneWhoAskedIsRefusedThere() throws Exception {
        String[] rc = recipientAndConsentingCustomer();
        Actor carol = new Actor("carol-" + tag(), Set.of(Role.PRIVACY_OFFICER), "test");
        Provisions.PendingProvision pending = provisions.request(carol, new Provisions.ProvisionRequest("fe-" + tag(),
                rc[0], List.of(rc[1]), Set.of(PersonalField.EMAIL)));

        String queue = mvc.perform(get("/privacy/provisions").with(user("dave").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("data-request=\"" + pending.id() + "\"").contains("さくらポイント株式会社");
        String own = mvc.perform(get("/privacy/provisions/" + pending.id()).with(user(carol.name())
                        .roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("id=\"own-request\"").doesNotContain("id=\"approve\"");
        String refused = mvc.perform(post("/privacy/provisions/" + pending.id() + "/approval")
                        .with(user(carol.name()).roles("PRIVACY_OFFICER")).with(csrf()))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("依頼した本人は承認できません");
        assertThat(provided(rc[1])).isZero();

        mvc.perform(get("/privacy/provisions/" + pending.id()).with(user("dave").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("id=\"approve\"")));
        mvc.perform(post("/privacy/provisions/" + pending.id() + "/approval")
                        .with(user("dave").roles("PRIVACY_OFFICER")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(provided(rc[1])).isOne();
        assertThat(provisions.pending(pending.id()).decidedBy()).isEqualTo("dave");

        // Analysts and customer service do not see the page.
        mvc.perform(get("/privacy/provisions").with(user("ann").roles("ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(get("/privacy/partner-receipts").with(user("cs").roles("CUSTOMER_SERVICE")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/privacy/provisions/" + pending.id() + "/rejection").param("reason", "OTHER")
                .with(user("cs").roles("CUSTOMER_SERVICE")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/privacy/partner-receipts").with(user("dave").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk());
    }
}
