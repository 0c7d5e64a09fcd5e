package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.crypto.tink.KeysetHandle;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The person's requests: intake with a deadline, the staff queue, and completing each kind through PersonalData. */
class DataSubjectRequestIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    PersonalData personalData;

    @Autowired
    Recipients recipients;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    private static final Actor PORTAL = new Actor("portal:test", Set.of(), "portal");

    String registerCustomer(String tag) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NAME_KANJI", "請求花子" + tag);
        values.put("EMAIL", "dsr." + tag + "@example.jp");
        values.put("PHONE", "03-4444-" + (1000 + Math.abs(tag.hashCode() % 9000)));
        values.put("ANNUAL_INCOME", "5200000");
        values.put("HOUSEHOLD_SIZE", "3");
        values.put("HOUSING", "OWNED_WITH_MORTGAGE");
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                Map.of("customerNumber", "D-" + tag, "values", values))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("customerId").asText();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ResultActions submit(String requestId, String customerId, String kind, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("customerId", customerId);
        body.put("kind", kind);
        body.put("channel", "MAIL");
        body.putAll(extra);
        return postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests", body);
    }

    String submitted(String customerId, String kind, Map<String, Object> extra) throws Exception {
        String body = submit("dsr-" + tag(), customerId, kind, extra).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asText();
    }

    JsonNode complete(String id) throws Exception {
        return json.readTree(postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/completion", Map.of())
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void theDeadlineIsSetAtIntakeAndARequestPastItIsOverdueAndFirstInTheQueue() throws Exception {
        String customer = registerCustomer(tag());
        String body = submit("dsr-" + tag(), customer, "DISCLOSURE", Map.of())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RECEIVED"))
                .andExpect(jsonPath("$.overdue").value(false))
                .andReturn().getResponse().getContentAsString();
        JsonNode taken = json.readTree(body);
        Instant received = Instant.parse(taken.get("receivedAt").asText());
        assertThat(Instant.parse(taken.get("deadline").asText())).isEqualTo(received.plus(Duration.ofDays(14)));

        // The same requests seen 14 days and a second later: overdue while open.
        DataSubjectRequests later = new DataSubjectRequests(personalData, recipients,
                new RequestProperties(Duration.ofDays(14)), audit, jdbc, transactions, json,
                Clock.offset(clock, Duration.ofDays(14).plusSeconds(1)));
        String id = taken.get("id").asText();
        assertThat(later.find(id).orElseThrow().overdue()).isTrue();
        assertThat(requests.find(id).orElseThrow().overdue()).isFalse();
        List<DataSubjectRequest> queue = later.queue(false, 1000);
        assertThat(queue).extracting(DataSubjectRequest::id).contains(id);
        assertThat(queue).extracting(DataSubjectRequest::deadline).isSorted();

        mvc.perform(get("/api/v1/privacy/requests").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/privacy/requests").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());

        // Closed on time, never overdue however late it is looked at.
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/rejection",
                Map.of("reason", "IDENTITY_NOT_VERIFIED")).andExpect(status().isOk());
        assertThat(later.find(id).orElseThrow().overdue()).isFalse();
    }

    @Test
    void aRequestBeingCompletedCannotBeRejectedAndAnInterruptedCompletionIsRetried() throws Exception {
        String customer = registerCustomer(tag());
        String id = submitted(customer, "DELETION", Map.of());
        // As if a completion had just claimed the request: another completion meanwhile is refused.
        jdbc.sql("UPDATE data_subject_requests SET status = 'COMPLETING', claimed_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(clock.instant()), id).update();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/completion", Map.of())
                .andExpect(status().isConflict());
        assertThat(personalData.isActive(customer)).isTrue();
        // ... and as if the server had then stopped before closing it: the old claim is taken over.
        jdbc.sql("UPDATE data_subject_requests SET claimed_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(DataSubjectRequests.CLAIM_TIMEOUT)
                        .minusSeconds(60)), id).update();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/rejection", Map.of("reason", "NOT_HELD"))
                .andExpect(status().isConflict());
        assertThat(requests.find(id).orElseThrow().status().open()).isTrue();
        complete(id);
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(personalData.isActive(customer)).isFalse();
    }

    @Test
    void aDisclosureHoldsTheValuesTheConsentsAndTheProvisionRecordsInJsonAndText() throws Exception {
        KeysetHandle key = ProvisionIntegrationTest.recipientPrivateKeyset();
        String recipient = "bank-" + tag();
        Map<String, Object> entry = ProvisionIntegrationTest.recipientBody(recipient,
                ProvisionIntegrationTest.publicJson(key), List.of("NAME_KANJI", "EMAIL"));
        entry.put("kind", "PARTNER_BANK");
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients", entry).andExpect(status().isCreated());
        String tag = tag();
        String customer = registerCustomer(tag);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer + "/consents", Map.of("purpose",
                "THIRD_PARTY_PROVISION", "recipient", recipient, "granted", true, "channel", "PORTAL",
                "noticeVersion", "2026-04")).andExpect(status().isOk());
        String provisionId = json.readTree(provideApproved(Map.of(
                        "requestId", "prov-" + tag, "recipient", recipient, "customerIds", List.of(customer),
                        "items", List.of("EMAIL")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .get("provisionId").asText();

        String id = submitted(customer, "DISCLOSURE", Map.of());
        JsonNode done = complete(id);
        assertThat(done.get("request").get("status").asText()).isEqualTo("COMPLETED");
        JsonNode disclosure = done.get("disclosure");
        assertThat(disclosure.get("values").get("NAME_KANJI").asText()).isEqualTo("請求花子" + tag);
        assertThat(disclosure.get("consents").get(0).get("recipient").asText()).isEqualTo(recipient);
        assertThat(disclosure.get("provisions")).hasSize(1);
        assertThat(disclosure.get("provisions").get(0).get("provisionId").asText()).isEqualTo(provisionId);
        assertThat(disclosure.get("provisions").get(0).get("recipientId").asText()).isEqualTo(recipient);

        // Kept sealed: the stored document does not hold the name.
        String sealed = jdbc.sql("SELECT sealed_result FROM data_subject_requests WHERE id = ?").param(id)
                .query(String.class).single();
        assertThat(sealed).doesNotContain(tag);

        String ja = mvc.perform(get("/api/v1/privacy/requests/" + id + "/disclosure").param("format", "text")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ja).contains("第三者提供の記録").contains("さくらポイント株式会社").contains("請求花子" + tag)
                .as("values in words, as on the portal").contains("持ち家（ローンあり）").contains("5,200,000円")
                .contains("3人").doesNotContain("OWNED_WITH_MORTGAGE").doesNotContain("5200000");
        String en = mvc.perform(get("/api/v1/privacy/requests/" + id + "/disclosure").param("format", "text")
                        .param("lang", "en").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(en).contains("Provision to third parties").contains("Sakura Points Co., Ltd.")
                .contains("Own home (with a mortgage)").doesNotContain("OWNED_WITH_MORTGAGE");
        mvc.perform(get("/api/v1/privacy/requests/" + id + "/disclosure").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provisions[0].provisionId").value(provisionId));
        mvc.perform(get("/api/v1/privacy/requests/" + id + "/disclosure").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isForbidden());

        // Asking for the disclosure of a request that has none is refused, and the attempt recorded.
        String notYet = submitted(customer, "DISCLOSURE", Map.of());
        mvc.perform(get("/api/v1/privacy/requests/" + notYet + "/disclosure").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT outcome FROM audit_log WHERE resource = ? AND action = 'personal-data.request'")
                .param("/api/v1/privacy/requests/" + notYet + "/disclosure").query(String.class).list())
                .containsExactly("FAILURE");
    }

    @Test
    void aCorrectionIsKeptSealedUntilItIsAppliedThroughPersonalData() throws Exception {
        String customer = registerCustomer(tag());
        String phone = "03-9876-" + (1000 + (int) (Math.random() * 8999));
        String id = submitted(customer, "CORRECTION", Map.of("corrections", Map.of("PHONE", phone)));
        String row = jdbc.sql("SELECT fields, sealed_values FROM data_subject_requests WHERE id = ?").param(id)
                .query().singleRow().toString();
        assertThat(row).contains("PHONE").doesNotContain(phone);

        complete(id);
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .param("purpose", "SERVICE_OPERATION").param("fields", "PHONE"))
                .andExpect(jsonPath("$.values.PHONE").value(phone));

        submit("dsr-" + tag(), customer, "CORRECTION", Map.of("corrections", Map.of("PHONE", "not a phone")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("corrections.PHONE"));
        Map<String, String> blank = new java.util.HashMap<>();
        blank.put("EMAIL", null);
        submit("dsr-" + tag(), customer, "CORRECTION", Map.of("corrections", blank))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("corrections.EMAIL"));
        mvc.perform(get("/api/v1/privacy/requests/" + id + "/disclosure").param("format", "xml")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'dsr.disclosure.read' AND detail LIKE ?")
                .param("request=" + id + "%").query(Long.class).single()).as("refused before the read").isZero();
    }

    @Test
    void aStopOfUseRecordsTheWithdrawalAndAContractPurposeCannotBeStopped() throws Exception {
        String customer = registerCustomer(tag());
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.ANALYST))
                .param("purpose", "MARKETING").param("fields", "EMAIL")).andExpect(status().isOk());
        String id = submitted(customer, "STOP_OF_USE", Map.of("purpose", "MARKETING"));
        complete(id);
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.ANALYST))
                        .param("purpose", "MARKETING").param("fields", "EMAIL"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/consent-withdrawn"));
        assertThat(jdbc.sql("SELECT request_id FROM consent_ledger WHERE customer_id = ?").param(customer)
                .query(String.class).list()).containsExactly("dsr:" + id);

        submit("dsr-" + tag(), customer, "STOP_OF_USE", Map.of("purpose", "SERVICE_OPERATION"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        submit("dsr-" + tag(), customer, "STOP_OF_USE", Map.of("purpose", "GOSSIP"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void aDeletionErasesTheCustomerWithTheRequestAsReference() throws Exception {
        String customer = registerCustomer(tag());
        String id = submitted(customer, "DELETION", Map.of());
        complete(id);
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .param("purpose", "SERVICE_OPERATION").param("fields", "EMAIL"))
                .andExpect(status().isGone());
        assertThat(personalData.tombstone(customer).orElseThrow().reference()).isEqualTo(id);
        assertThat(personalData.tombstone(customer).orElseThrow().reason()).isEqualTo(ErasureReason.PERSON_REQUESTED);
        // A new request for an erased person is refused.
        submit("dsr-" + tag(), customer, "DISCLOSURE", Map.of()).andExpect(status().isGone());
    }

    @Test
    void twoCompletionsAtOnceCarryOutTheRequestOnce() throws Exception {
        String customer = registerCustomer(tag());
        String id = submitted(customer, "STOP_OF_USE", Map.of("purpose", "RESEARCH"));
        Actor officer = new Actor("officer-twice", Set.of(Role.PRIVACY_OFFICER), "test");
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(two.submit(() -> {
                    go.await();
                    try {
                        return requests.complete(officer, id).request().status().name();
                    } catch (dev.anshin.problems.RequestProblem refused) {
                        return refused.type().name();
                    }
                }));
            }
            go.countDown();
            List<String> answers = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                answers.add(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            // One completed it; the other either saw it completed or found it being completed.
            assertThat(answers).contains("COMPLETED").allMatch(a -> a.equals("COMPLETED") || a.equals("CONFLICT"));
        } finally {
            two.shutdownNow();
        }
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'dsr.complete' AND resource = ?")
                .param("customer/" + customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReplayedSubmissionOrCompletionAnswersTheSameAndChangesNothing() throws Exception {
        String customer = registerCustomer(tag());
        String requestId = "dsr-" + tag();
        Map<String, Object> stop = Map.of("purpose", "RESEARCH");
        String first = submit(requestId, customer, "STOP_OF_USE", stop).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String again = submit(requestId, customer, "STOP_OF_USE", stop).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        submit(requestId, customer, "DELETION", Map.of()).andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject_requests WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isEqualTo(1);

        String id = json.readTree(first).get("id").asText();
        JsonNode done = complete(id);
        long ledger = jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?").param(customer)
                .query(Long.class).single();
        JsonNode replay = complete(id);
        assertThat(replay).isEqualTo(done);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isEqualTo(ledger).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'dsr.complete' AND resource = ?")
                .param("customer/" + customer).query(Long.class).single()).isEqualTo(1);
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/rejection", Map.of("reason", "NOT_HELD"))
                .andExpect(status().isConflict());
    }

    @Test
    void onlyAPrivacyOfficerActsAndARejectionIsFinal() throws Exception {
        String customer = registerCustomer(tag());
        String id = submitted(customer, "DELETION", Map.of());
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/privacy/requests/" + id + "/completion", Map.of())
                .andExpect(status().isForbidden());
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/start", Map.of())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IN_PROGRESS"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/rejection", Map.of("reason", "Because"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/rejection",
                Map.of("reason", "RETENTION_REQUIRED_BY_LAW"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rejection").value("RETENTION_REQUIRED_BY_LAW"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + id + "/completion", Map.of())
                .andExpect(status().isConflict());
        assertThat(personalData.isActive(customer)).as("nothing erased").isTrue();
    }

    @Test
    void thePortalSubmitsThroughTheServiceAndThePersonSeesTheStatus() throws Exception {
        String customer = registerCustomer(tag());
        Actor person = Actor.cardholder(customer, "portal");
        assertThatThrownBy(() -> requests.submit(PORTAL, customer, RequestKind.DISCLOSURE, RequestDetails.none(),
                ConsentChannel.PORTAL, "portal-" + tag())).as("an actor neither the person nor staff")
                .isInstanceOf(dev.anshin.problems.RequestProblem.class);
        String someoneElse = registerCustomer(tag());
        assertThatThrownBy(() -> requests.submit(Actor.cardholder(someoneElse, "portal"), customer,
                RequestKind.DISCLOSURE, RequestDetails.none(), ConsentChannel.PORTAL, "portal-" + tag()))
                .as("another cardholder").isInstanceOf(dev.anshin.problems.RequestProblem.class);
        DataSubjectRequest taken = requests.submit(person, customer, RequestKind.DISCLOSURE, RequestDetails.none(),
                ConsentChannel.PORTAL, "portal-" + tag());
        assertThat(requests.listFor(customer)).extracting(DataSubjectRequest::id, DataSubjectRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(taken.id(), RequestStatus.RECEIVED));
        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE action = 'dsr.submit' AND resource = ? AND outcome = 'SUCCESS'")
                .param("customer/" + customer).query(String.class).list()).containsExactly(person.name());

        complete(taken.id());
        assertThat(requests.listFor(customer).get(0).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(requests.disclosureFor(person, customer, taken.id()).orElseThrow().customerId()).isEqualTo(customer);
        assertThatThrownBy(() -> requests.disclosureFor(person, someoneElse, taken.id()))
                .isInstanceOf(dev.anshin.problems.RequestProblem.class).hasMessage("No such request.");
        assertThatThrownBy(() -> requests.disclosure(Actor.cardholder(someoneElse, "portal"), taken.id()))
                .as("another cardholder asking by request id").isInstanceOf(dev.anshin.problems.RequestProblem.class);
    }
}
