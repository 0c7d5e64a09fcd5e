package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/** The vault through its one access path: encryption at rest, purposes, consent, roles, erasure. */
class PersonalDataIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    private static Map<String, String> person(String tag) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NAME_KANJI", "山田 花子" + tag);
        values.put("NAME_KANA", "ヤマダ ハナコ");
        values.put("DATE_OF_BIRTH", "1985-04-12");
        values.put("ADDRESS", "東京都千代田区丸の内1-1-1 " + tag);
        values.put("PHONE", "090-1234-" + (1000 + Math.abs(tag.hashCode() % 9000)));
        values.put("EMAIL", "hanako." + tag + "@example.jp");
        values.put("ANNUAL_INCOME", "5200000");
        values.put("HOUSING", "RENTED");
        return values;
    }

    private String register(Map<String, String> values) throws Exception {
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                Map.of("customerNumber", "C-" + UUID.randomUUID().toString().substring(0, 8), "values", values))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("customerId").asText();
    }

    private ResultActions read(Role role, String customerId, String purpose, String fields, String product)
            throws Exception {
        var request = get("/api/v1/customers/" + customerId + "/personal-data")
                .header("X-Api-Key", key(role)).param("purpose", purpose).param("fields", fields);
        if (product != null) {
            request = request.param("product", product);
        }
        return mvc.perform(request);
    }

    @Test
    void valuesAreStoredEncryptedAndReadBackForAnAllowedPurpose() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> values = person(tag);
        String id = register(values);

        List<String> stored = jdbc.sql("SELECT ciphertext FROM personal_values WHERE customer_id = ?")
                .param(id).query(String.class).list();
        assertThat(stored).hasSize(values.size() + 1); // and the customer number
        assertThat(String.join(" ", stored)).doesNotContain(tag).doesNotContain("山田").doesNotContain("example.jp");

        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "NAME_KANJI,PHONE,EMAIL", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.NAME_KANJI").value(values.get("NAME_KANJI")))
                .andExpect(jsonPath("$.values.PHONE").value(values.get("PHONE")))
                .andExpect(jsonPath("$.values.EMAIL").value(values.get("EMAIL")))
                .andExpect(jsonPath("$.values.ADDRESS").doesNotExist());
    }

    @Test
    void aRetriedRegistrationReturnsTheSameCustomerAndChangesNothing() throws Exception {
        String number = "C-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("customerNumber", number, "values", person("retry"));
        String first = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String second = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", body).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(second).get("customerId")).isEqualTo(json.readTree(first).get("customerId"));
    }

    @Test
    void aRegistrationUnderTheSameNumberWithOtherValuesIsAConflictNamingTheFieldsAndChangesNothing() throws Exception {
        String number = "C-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = person("conflict");
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                        Map.of("customerNumber", number, "values", values)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("customerId").asText();
        Map<String, String> other = new java.util.LinkedHashMap<>(values);
        other.put("EMAIL", "someone.else@example.jp");
        other.put("EMPLOYER", "株式会社テスト");

        String problem = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber", number, "values", other))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/conflict"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "values.EMAIL", "values.EMPLOYER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(problem).contains(id).doesNotContain("someone.else").doesNotContain(values.get("EMAIL"));
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "EMAIL", null)
                .andExpect(jsonPath("$.values.EMAIL").value(values.get("EMAIL")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM personal_values WHERE customer_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(values.size() + 1);
        assertThat(jdbc.sql("SELECT outcome FROM audit_log WHERE action = 'personal-data.register' AND resource = ? "
                + "ORDER BY seq").param("customer/" + id).query(String.class).list()).containsExactly("SUCCESS", "FAILURE");
        // The values held, or some of them, are still a retry.
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber", number,
                "values", Map.of("NAME_KANJI", values.get("NAME_KANJI")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(id));
    }

    @Test
    void aPurposeReadsOnlyTheCategoriesItAllows() throws Exception {
        String id = register(person("purpose"));
        read(Role.ANALYST, id, "STATISTICS", "NAME_KANJI", null)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/purpose-not-allowed"))
                .andExpect(jsonPath("$.errors[0].field").value("fields"));
        read(Role.ANALYST, id, "MARKETING", "EMAIL", null).andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "ANNUAL_INCOME", null).andExpect(status().isForbidden());
    }

    @Test
    void fraudInvestigationReadsTheNameOnlyAndARefusedFieldIsAudited() throws Exception {
        Map<String, String> values = person("fraud");
        String id = register(values);
        read(Role.ANALYST, id, "FRAUD_INVESTIGATION", "NAME_KANJI", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.NAME_KANJI").value(values.get("NAME_KANJI")));
        for (String field : List.of("PHONE", "ADDRESS", "DATE_OF_BIRTH", "EMAIL", "EMPLOYER", "NAME_KANJI,PHONE")) {
            String body = read(Role.ANALYST, id, "FRAUD_INVESTIGATION", field, null)
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/purpose-not-allowed"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain(values.get("PHONE")).doesNotContain(values.get("NAME_KANJI"));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.read' AND resource = ? "
                        + "AND purpose = 'FRAUD_INVESTIGATION' AND outcome = 'DENIED'")
                .param("customer/" + id).query(Long.class).single()).isEqualTo(6L);
    }

    @Test
    void aRoleReadsOnlyForThePurposesItWorksFor() throws Exception {
        String id = register(person("role"));
        read(Role.CUSTOMER_SERVICE, id, "MARKETING", "EMAIL", null)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/forbidden"));
        read(Role.ANALYST, id, "SERVICE_OPERATION", "EMAIL", null).andExpect(status().isForbidden());
        read(Role.SCORER, id, "SERVICE_OPERATION", "EMAIL", null).andExpect(status().isForbidden());
    }

    @Test
    void anOptOutStopsThePurposeAndAProductChoiceOverridesTheGeneralOne() throws Exception {
        String id = register(person("consent"));
        consent(id, null, "MARKETING", null, false).andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", null)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/consent-withdrawn"));

        consent(id, null, "MARKETING", "cobrand-air", true).andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", "cobrand-air").andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", "cobrand-rail").andExpect(status().isForbidden());

        consent(id, null, "MARKETING", null, true).andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", null).andExpect(status().isOk());

        // Opting out for one product also stops uses that name no product: leaving it out is no way round.
        consent(id, null, "MARKETING", "cobrand-rail", false).andExpect(status().isOk());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", null).andExpect(status().isForbidden());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", "cobrand-rail").andExpect(status().isForbidden());
        read(Role.ANALYST, id, "MARKETING", "EMAIL", "cobrand-air").andExpect(status().isOk());

        String history = mvc.perform(get("/api/v1/customers/" + id + "/consents").header("X-Api-Key",
                        key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(history)).hasSize(4);
    }

    @Test
    void aRetriedConsentIsRecordedOnce() throws Exception {
        String id = register(person("consent-retry"));
        String requestId = "req-" + UUID.randomUUID();
        consent(id, requestId, "RESEARCH", null, false).andExpect(status().isOk());
        consent(id, requestId, "RESEARCH", null, false).andExpect(status().isOk());
        consent(id, requestId, "RESEARCH", null, true).andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aContractPurposeCannotBeSwitchedOff() throws Exception {
        String id = register(person("contract"));
        consent(id, null, "SERVICE_OPERATION", null, false)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
    }

    @Test
    void badInputNamesTheFieldNeverEchoesTheValueAndStoresNothing() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM customers").query(Long.class).single();
        Map<String, String> values = person("bad");
        values.put("NAME_KANA", "Yamada-secret-kana");
        String problem = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                Map.of("customerNumber", "C-bad-1", "values", values))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.NAME_KANA"))
                .andReturn().getResponse().getContentAsString();
        assertThat(problem).doesNotContain("secret");

        values = person("bad");
        values.put("SHOE_SIZE", "27");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber", "C-bad-2", "values", values))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.SHOE_SIZE"));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", "{\"customerNumber\": ").andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customers").query(Long.class).single()).isEqualTo(before);

        String id = register(person("bad-read"));
        read(Role.CUSTOMER_SERVICE, id, "GOSSIP", "EMAIL", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "EMAIL,SHOE_SIZE", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("fields"));
        read(Role.CUSTOMER_SERVICE, UUID.randomUUID().toString(), "SERVICE_OPERATION", "EMAIL", null)
                .andExpect(status().isNotFound());
    }

    @Test
    void concurrentRetriesOfOneRegistrationMakeOneCustomer() throws Exception {
        String number = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String body = json.writeValueAsString(Map.of("customerNumber", number, "values", person("race")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    var response = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", body).andReturn().getResponse();
                    assertThat(response.getStatus()).isIn(200, 201);
                    return json.readTree(response.getContentAsString()).get("customerId").asText();
                }));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theCustomerNumberIsNotCorrected() throws Exception {
        String id = register(person("number"));
        mvc.perform(patch("/api/v1/customers/" + id + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("purpose", "SERVICE_OPERATION",
                                "values", Map.of("CUSTOMER_NUMBER", "C-other")))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.CUSTOMER_NUMBER"));
    }

    @Test
    void aCorrectionReplacesTheValue() throws Exception {
        String id = register(person("correct"));
        mvc.perform(patch("/api/v1/customers/" + id + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("purpose", "SERVICE_OPERATION",
                                "values", Map.of("PHONE", "03-1234-5678")))))
                .andExpect(status().isNoContent());
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "PHONE", null)
                .andExpect(jsonPath("$.values.PHONE").value("03-1234-5678"));
    }

    @Test
    void erasureDestroysTheKeyAndLeavesATombstone() throws Exception {
        String id = register(person("erase"));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + id + "/erasure", Map.of("reason", "PERSON_REQUESTED"))
                .andExpect(status().isForbidden());

        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + id + "/erasure", Map.of("reason", "Hanako asked", "reference", "DSR-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + id + "/erasure", Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("PERSON_REQUESTED"))
                .andExpect(jsonPath("$.reference").value("DSR-1"))
                .andExpect(jsonPath("$.fields.length()").value(9));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_keys WHERE customer_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM personal_values WHERE customer_id = ?").param(id)
                .query(Long.class).single()).isZero();
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "EMAIL", null)
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/erased"));
        // Erasing again answers with the same tombstone.
        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + id + "/erasure", Map.of("reason", "NO_LONGER_NEEDED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("PERSON_REQUESTED"))
                .andExpect(jsonPath("$.reference").value("DSR-1"));
    }

    @Test
    void everyReadAllowedOrRefusedIsAuditedWithItsPurposeAndFieldsButNoValue() throws Exception {
        Map<String, String> values = person("audit");
        String id = register(values);
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "EMAIL,PHONE", null).andExpect(status().isOk());
        read(Role.ANALYST, id, "STATISTICS", "NAME_KANJI", null).andExpect(status().isForbidden());
        read(Role.CUSTOMER_SERVICE, id, "MARKETING", "EMAIL", null).andExpect(status().isForbidden());

        List<Map<String, Object>> entries = jdbc.sql(
                        "SELECT action, purpose, outcome, detail, actor FROM audit_log WHERE resource = ? ORDER BY seq")
                .param("customer/" + id).query().listOfRows();
        assertThat(entries).extracting(row -> row.get("action") + " " + row.get("purpose") + " " + row.get("outcome")
                        + " " + row.get("detail"))
                .containsExactly(
                        "personal-data.register SERVICE_OPERATION SUCCESS fields=ADDRESS,ANNUAL_INCOME,CUSTOMER_NUMBER,"
                                + "DATE_OF_BIRTH,EMAIL,HOUSING,NAME_KANA,NAME_KANJI,PHONE",
                        "personal-data.read SERVICE_OPERATION SUCCESS fields=EMAIL,PHONE",
                        "personal-data.read STATISTICS DENIED purpose does not allow fields=NAME_KANJI",
                        "personal-data.read MARKETING DENIED forbidden");
        assertThat(entries.get(1).get("actor").toString()).startsWith("api:test-customer_service/");
        assertThat(entries.toString()).doesNotContain(values.get("EMAIL")).doesNotContain(values.get("PHONE"));

        // Rejected before the access path (unknown purpose or field, unknown customer): recorded too.
        read(Role.CUSTOMER_SERVICE, id, "GOSSIP", "EMAIL", null).andExpect(status().isUnprocessableContent());
        read(Role.CUSTOMER_SERVICE, id, "SERVICE_OPERATION", "SHOE_SIZE", null).andExpect(status().isUnprocessableContent());
        String unknown = UUID.randomUUID().toString();
        read(Role.CUSTOMER_SERVICE, unknown, "SERVICE_OPERATION", "EMAIL", null).andExpect(status().isNotFound());
        List<String> rejected = jdbc.sql("SELECT resource, purpose, outcome, detail FROM audit_log "
                        + "WHERE action = 'personal-data.request' AND resource IN (?, ?) ORDER BY seq")
                .params("/api/v1/customers/" + id + "/personal-data", "/api/v1/customers/" + unknown + "/personal-data")
                .query((rs, n) -> rs.getString("resource").replace(id, "ID").replace(unknown, "UNKNOWN") + " "
                        + rs.getString("purpose") + " " + rs.getString("outcome") + " " + rs.getString("detail"))
                .list();
        assertThat(rejected).containsExactly(
                "/api/v1/customers/ID/personal-data null FAILURE rejected: HTTP 422",
                "/api/v1/customers/ID/personal-data SERVICE_OPERATION FAILURE rejected: HTTP 422",
                "/api/v1/customers/UNKNOWN/personal-data SERVICE_OPERATION FAILURE rejected: HTTP 404");

        // A card number typed where the id goes is refused and recorded, but never written to the log.
        String pan = newPan();
        read(Role.CUSTOMER_SERVICE, pan, "SERVICE_OPERATION", "EMAIL", null).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT resource FROM audit_log WHERE action = 'personal-data.request' ORDER BY seq DESC "
                + "FETCH FIRST 1 ROWS ONLY").query(String.class).single())
                .isEqualTo("/api/v1/customers/(not an id)/personal-data");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource LIKE ? OR detail LIKE ?")
                .params("%" + pan + "%", "%" + pan + "%").query(Long.class).single()).isZero();
    }

    @Test
    void theCatalogAndThePurposesAreServed() throws Exception {
        mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'ANNUAL_INCOME')].category").value("MONEY"))
                .andExpect(jsonPath("$[?(@.name == 'NAME_KANJI')].identifiability").value("ALONE"));
        mvc.perform(get("/api/v1/privacy/purposes").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'MARKETING')].optional").value(true))
                .andExpect(jsonPath("$[?(@.name == 'SERVICE_OPERATION')].legalBasis").value("CONTRACT"));
        mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.SCORER)))
                .andExpect(status().isForbidden());
    }

    private ResultActions consent(String id, String requestId, String purpose, String product, boolean granted)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("purpose", purpose);
        body.put("product", product);
        body.put("granted", granted);
        body.put("channel", "CALL_CENTER");
        body.put("noticeVersion", "2026-04");
        return postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + id + "/consents", body);
    }
}
