package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * Data received from partners: a receipt taken whole with its confirmation record, each refusal with its own
 * problem type and nothing stored, a retry answered with the receipt stored, the data sealed, disclosed to
 * the person with named values, erased with them (the record stays), and swept by its retention rules.
 */
class PartnerDataIntegrationTest extends IntegrationTestSupport {

    private static final Actor OFFICER = new Actor("partner-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    @Autowired
    List<RetentionRule> retentionRules;

    @Autowired
    PartnerDataPersonalData heldElsewhere;

    /** A partner: its API client (PARTNER_DATA) and the provider registered for it. */
    record Partner(String provider, String key) {
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Partner partner(List<String> items) throws Exception {
        String tag = tag();
        String client = "test-points-" + tag;
        String key = clients.register(client, EnumSet.of(Role.PARTNER_DATA));
        String provider = "points-" + tag;
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", providerBody(provider, items, client))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(provider));
        return new Partner(provider, key);
    }

    static Map<String, Object> providerBody(String id, List<String> items, String client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("nameJa", "さくらポイント株式会社");
        body.put("nameEn", "Sakura Points Co., Ltd.");
        body.put("address", "東京都千代田区丸の内1-1-1");
        body.put("representative", "代表取締役 桜井 一郎");
        body.put("items", items);
        body.put("purpose", "MARKETING");
        body.put("apiClient", client);
        return body;
    }

    /** A customer under a fresh customer number; answers the number and the id. */
    String[] customer() throws Exception {
        String number = "PD-" + tag();
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                Map.of("customerNumber", number, "values", Map.of("NAME_KANJI", "受領花子")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new String[] {number, json.readTree(body).get("customerId").asString()};
    }

    static Map<String, Object> receipt(String receiptId, String provider, String customerNumber) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("providerId", provider);
        record.put("howObtained", "CONSENT_OF_PERSON");
        record.put("obtainedOn", "2026-11-01");
        record.put("receivedAt", "2026-12-01T10:00:00+09:00");
        Map<String, Object> purchase = new LinkedHashMap<>();
        purchase.put("date", "2026-11-30");
        purchase.put("amount", 1280);
        purchase.put("currency", "JPY");
        purchase.put("merchantCategory", "5411");
        purchase.put("storeName", "さくらマート丸の内店");
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("date", "2026-11-30");
        points.put("points", 12);
        points.put("storeName", "さくらマート丸の内店");
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("purchases", List.of(purchase));
        items.put("points", List.of(points));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiptId", receiptId);
        body.put("confirmationRecord", record);
        body.put("customerNumber", customerNumber);
        body.put("items", items);
        return body;
    }

    ResultActions send(String key, Object body) throws Exception {
        return mvc.perform(post("/api/v1/partner-data/receipts").header("X-Api-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String text ? text : json.writeValueAsString(body)));
    }

    long stored(String provider) {
        return jdbc.sql("SELECT COUNT(*) FROM confirmation_records WHERE provider_id = ?").param(provider)
                .query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM partner_receipts r JOIN confirmation_records c ON c.id = r.record_id"
                        + " WHERE c.provider_id = ?").param(provider).query(Long.class).single();
    }

    @Test
    void aReceiptIsTakenWithItsRecordTheDataSealedAndARetryAnswersTheSame() throws Exception {
        Partner partner = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        String receiptId = "r-" + tag();
        JsonNode first = json.readTree(send(partner.key(), receipt(receiptId, partner.provider(), customer[0]))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(first.get("itemCount").asInt()).isEqualTo(2);
        assertThat(first.get("dataHeld").asBoolean()).isTrue();
        String recordId = first.get("recordId").asString();

        Map<String, Object> row = jdbc.sql("SELECT provider_address, provider_representative, how_obtained, "
                        + "customer_id, items, item_count, purpose FROM confirmation_records WHERE id = ?")
                .param(recordId).query().singleRow();
        assertThat(row.values()).extracting(String::valueOf).contains("東京都千代田区丸の内1-1-1", "代表取締役 桜井 一郎",
                "CONSENT_OF_PERSON", customer[1], "POINTS,PURCHASES", "2", "MARKETING");
        String sealed = jdbc.sql("SELECT sealed_items FROM partner_receipts WHERE record_id = ?").param(recordId)
                .query(String.class).single();
        assertThat(sealed).doesNotContain("さくらマート").doesNotContain("1280").doesNotContain("5411");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'partner-data.receive' AND outcome = 'SUCCESS'"
                + " AND resource = ?").param("customer/" + customer[1]).query(Long.class).single()).isOne();

        long before = stored(partner.provider());
        JsonNode again = json.readTree(send(partner.key(), receipt(receiptId, partner.provider(), customer[0]))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(again).isEqualTo(first);
        Map<String, Object> other = receipt(receiptId, partner.provider(), customer[0]);
        ((Map<String, Object>) other.get("confirmationRecord")).put("obtainedOn", "2026-10-01");
        send(partner.key(), other).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/conflict"));
        assertThat(stored(partner.provider())).isEqualTo(before);

        // The person opts out afterwards: a retry of what was stored still answers it, not a refusal.
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer[1] + "/consents", Map.of("purpose", "MARKETING",
                "granted", false, "channel", "PORTAL", "noticeVersion", "2026-04")).andExpect(status().isOk());
        send(partner.key(), receipt(receiptId, partner.provider(), customer[0])).andExpect(status().isOk())
                .andExpect(jsonPath("$.recordId").value(recordId));
        // Once its data is gone (swept), the receipt id cannot be told apart any more: a conflict, not a 200.
        jdbc.sql("DELETE FROM partner_receipts WHERE record_id = ?").param(recordId).update();
        send(partner.key(), other).andExpect(status().isConflict());
        send(partner.key(), receipt(receiptId, partner.provider(), customer[0])).andExpect(status().isConflict());
        assertThat(stored(partner.provider())).as("nothing stored again").isEqualTo(before - 1);
    }

    @Test
    void eachRefusalHasItsOwnTypeAndNothingIsStored() throws Exception {
        Partner partner = partner(List.of("PURCHASES"));
        Partner stranger = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        String[] optedOut = customer();
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + optedOut[1] + "/consents", Map.of("purpose", "MARKETING",
                "granted", false, "channel", "PORTAL", "noticeVersion", "2026-04")).andExpect(status().isOk());
        String[] erased = customer();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + erased[1] + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-PARTNER")).andExpect(status().isOk());

        Map<String, Object> purchasesOnly = receipt("r-" + tag(), partner.provider(), customer[0]);
        ((Map<String, Object>) purchasesOnly.get("items")).remove("points");

        Map<String, Object> noRecord = new LinkedHashMap<>(purchasesOnly);
        noRecord.remove("confirmationRecord");
        refused(partner, noRecord, 422, "confirmation-record-missing", "confirmationRecord");

        Map<String, Object> badHow = copy(purchasesOnly);
        record(badHow).put("howObtained", "BOUGHT_IT");
        refused(partner, badHow, 422, "confirmation-record-invalid", "confirmationRecord.howObtained");
        Map<String, Object> optOutWithoutFiling = copy(purchasesOnly);
        record(optOutWithoutFiling).put("howObtained", "OPT_OUT_FILED");
        refused(partner, optOutWithoutFiling, 422, "confirmation-record-invalid", "confirmationRecord.ppcFilingNumber");
        Map<String, Object> obtainedAfterReceipt = copy(purchasesOnly);
        record(obtainedAfterReceipt).put("obtainedOn", "2026-12-02");
        refused(partner, obtainedAfterReceipt, 422, "confirmation-record-invalid", "confirmationRecord.obtainedOn");
        Map<String, Object> future = copy(purchasesOnly);
        record(future).put("receivedAt", Instant.now().plus(Duration.ofDays(2)).toString());
        refused(partner, future, 422, "confirmation-record-invalid", "confirmationRecord.receivedAt");
        // Dates Java parses but the database does not keep: refused by field, never a 500.
        Map<String, Object> ancient = copy(purchasesOnly);
        record(ancient).put("obtainedOn", "-5000-01-01");
        refused(partner, ancient, 422, "confirmation-record-invalid", "confirmationRecord.obtainedOn");
        Map<String, Object> beforeBounds = copy(purchasesOnly);
        record(beforeBounds).put("obtainedOn", "1999-12-31");
        refused(partner, beforeBounds, 422, "confirmation-record-invalid", "confirmationRecord.obtainedOn");
        Map<String, Object> receivedLongAgo = copy(purchasesOnly);
        record(receivedLongAgo).put("receivedAt", "-5000-01-01T00:00:00Z");
        refused(partner, receivedLongAgo, 422, "confirmation-record-invalid", "confirmationRecord.receivedAt");
        Map<String, Object> obtainedInFuture = copy(purchasesOnly);
        record(obtainedInFuture).put("obtainedOn", "2999-01-01");
        refused(partner, obtainedInFuture, 422, "confirmation-record-invalid", "confirmationRecord.obtainedOn");

        Map<String, Object> unknownProvider = copy(purchasesOnly);
        record(unknownProvider).put("providerId", "no-such-" + tag());
        refused(partner, unknownProvider, 422, "provider-unknown", "confirmationRecord.providerId");
        // Another partner's provider is unknown to this client (and says nothing of it).
        Map<String, Object> notMine = copy(purchasesOnly);
        record(notMine).put("providerId", stranger.provider());
        refused(partner, notMine, 422, "provider-unknown", "confirmationRecord.providerId");
        assertThat(stored(stranger.provider())).isZero();

        refused(partner, receipt("r-" + tag(), partner.provider(), customer[0]), 422, "items-not-allowed",
                "items.points");
        refused(partner, receipt2(purchasesOnly, "NO-SUCH-" + tag()), 422, "customer-unknown", "customerNumber");
        refused(partner, receipt2(purchasesOnly, erased[0]), 422, "customer-unknown", "customerNumber");
        // Opted out: the same answer, word for word, as a number never registered or an erased person.
        refused(partner, receipt2(purchasesOnly, optedOut[0]), 422, "customer-unknown", "customerNumber");
        String[] answers = new String[3];
        int i = 0;
        for (String number : List.of("NO-SUCH-" + tag(), erased[0], optedOut[0])) {
            answers[i++] = send(partner.key(), receipt2(purchasesOnly, number)).andReturn().getResponse()
                    .getContentAsString().replaceAll("\"instance\"\\s*:\\s*\"[^\"]*\"", "")
                    .replaceAll("\"(traceId|requestId|timestamp)\"\\s*:\\s*\"[^\"]*\"", "");
        }
        assertThat(answers[1]).isEqualTo(answers[0]);
        assertThat(answers[2]).isEqualTo(answers[0]);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'partner-data.receive' AND outcome = 'DENIED'"
                + " AND resource = ?").param("customer/" + optedOut[1]).query(Long.class).single()).isEqualTo(2);

        Map<String, Object> unknownField = copy(purchasesOnly);
        unknownField.put("note", "x");
        refused(partner, unknownField, 422, "validation", "note");
        Map<String, Object> amountAsText = copy(purchasesOnly);
        purchase(amountAsText).put("amount", "1280");
        refused(partner, amountAsText, 422, "validation", null);
        Map<String, Object> zero = copy(purchasesOnly);
        purchase(zero).put("amount", 0);
        refused(partner, zero, 422, "validation", "items.purchases[0].amount");

        send(key(Role.PRIVACY_OFFICER), purchasesOnly).andExpect(status().isForbidden());
        send(key(Role.APPLICATION_INTAKE), purchasesOnly).andExpect(status().isForbidden());
        assertThat(stored(partner.provider())).isZero();
        // And the same receipt, whole, is taken.
        send(partner.key(), purchasesOnly).andExpect(status().isCreated());
        assertThat(stored(partner.provider())).isEqualTo(2);
    }

    private void refused(Partner partner, Map<String, Object> body, int status, String type, String field)
            throws Exception {
        ResultActions answer = send(partner.key(), body).andExpect(status().is(status))
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/" + type));
        if (field != null) {
            answer.andExpect(jsonPath("$.errors[0].field").value(field));
        }
        assertThat(stored(partner.provider())).as(type).isZero();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> copy(Map<String, Object> body) {
        return json.readValue(json.writeValueAsString(body), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Map<String, Object> body) {
        return (Map<String, Object>) body.get("confirmationRecord");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> purchase(Map<String, Object> body) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) body.get("items")).get("purchases")).get(0);
    }

    private Map<String, Object> receipt2(Map<String, Object> body, String customerNumber) {
        Map<String, Object> copy = copy(body);
        copy.put("customerNumber", customerNumber);
        copy.put("receiptId", "r-" + tag());
        return copy;
    }

    @Test
    void theDisclosureGivesTheItemsAndTheirRecordAsWordsAndNamedValues() throws Exception {
        Partner partner = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        send(partner.key(), receipt("r-" + tag(), partner.provider(), customer[0])).andExpect(status().isCreated());

        Disclosure disclosure = personalData.disclose(OFFICER, customer[1]);
        List<HeldElsewhere.Disclosed> received = disclosure.elsewhere().stream()
                .filter(d -> d.entry().equals("PARTNER_RECEIPTS")).toList();
        assertThat(received).hasSize(2);
        HeldElsewhere.Disclosed purchase = received.stream().filter(d -> "PURCHASES".equals(d.values().get("kind")))
                .findFirst().orElseThrow();
        assertThat(purchase.values()).containsEntry("amount", "1280").containsEntry("currency", "JPY")
                .containsEntry("merchantCategory", "5411").containsEntry("storeName", "さくらマート丸の内店")
                .containsEntry("date", "2026-11-30").containsEntry("provider", "Sakura Points Co., Ltd.");
        assertThat(purchase.textJa()).contains("さくらポイント株式会社").contains("1,280円").contains("さくらマート丸の内店");
        assertThat(purchase.textEn()).contains("Sakura Points Co., Ltd.").contains("¥1,280");
        HeldElsewhere.Disclosed record = disclosure.elsewhere().stream()
                .filter(d -> d.entry().equals("CONFIRMATION_RECORDS")).findFirst().orElseThrow();
        assertThat(record.values()).containsEntry("providerAddress", "東京都千代田区丸の内1-1-1")
                .containsEntry("providerRepresentative", "代表取締役 桜井 一郎")
                .containsEntry("howObtained", "CONSENT_OF_PERSON").containsEntry("obtainedOn", "2026-11-01")
                .containsEntry("items", "POINTS,PURCHASES").containsEntry("itemCount", "2")
                .containsEntry("purpose", "MARKETING").containsKey("keptUntil");
        assertThat(record.textJa()).contains("確認記録").contains("ご本人の同意に基づく提供");
        assertThat(record.textEn()).contains("Confirmation record").contains("consent");
    }

    @Test
    void theCatalogHasBothEntriesFromPartnersForProductUsage() {
        assertThat(heldElsewhere.catalog()).extracting(HeldElsewhere.Entry::name)
                .containsExactly("PARTNER_RECEIPTS", "CONFIRMATION_RECORDS");
        assertThat(heldElsewhere.catalog()).allSatisfy(entry -> {
            assertThat(entry.origin()).isEqualTo(DataOrigin.PARTNER);
            assertThat(entry.category()).isEqualTo(DataCategory.PRODUCT_USAGE);
            assertThat(entry.purposes()).contains(Purpose.DATA_SUBJECT_REQUEST).doesNotContain(
                    Purpose.THIRD_PARTY_PROVISION);
        });
        assertThat(heldElsewhere.catalog().get(0).purposes()).contains(Purpose.MARKETING);
        assertThat(heldElsewhere.catalog().get(1).retention()).contains("1,096 days");
    }

    @Test
    void erasingThePersonDeletesTheDataAndKeepsTheRecord() throws Exception {
        Partner partner = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        String receiptId = "r-" + tag();
        send(partner.key(), receipt(receiptId, partner.provider(), customer[0])).andExpect(status().isCreated());
        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer[1] + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-ERASE")).andExpect(status().isOk());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_receipts WHERE customer_id = ?").param(customer[1])
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM confirmation_records WHERE customer_id = ?").param(customer[1])
                .query(Long.class).single()).as("the record stays, as the law asks").isOne();
        // Sent again, it finds nobody: the person is gone.
        send(partner.key(), receipt(receiptId, partner.provider(), customer[0])).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/customer-unknown"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/v1/privacy/partner-receipts").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.customerId == '" + customer[1] + "')].dataHeld").value(false));
    }

    @Test
    void theDataLeavesAfterItsRetentionAndTheRecordAfterThreeYearsNotBefore() throws Exception {
        Partner partner = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        String recordId = json.readTree(send(partner.key(), receipt("r-" + tag(), partner.provider(), customer[0]))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("recordId").asString();
        RetentionRule receipts = rule("PARTNER_RECEIPTS");
        RetentionRule records = rule("CONFIRMATION_RECORDS");
        assertThat(records.period()).isEqualTo(Duration.ofDays(1096));
        // Moved five years back, so the sweeps, over the whole shared database, reach only this receipt.
        Instant longAgo = Instant.parse("2019-06-01T00:00:00Z");
        jdbc.sql("UPDATE confirmation_records SET recorded_at = ? WHERE id = ?").params(Timestamp.from(longAgo), recordId)
                .update();
        jdbc.sql("UPDATE partner_receipts SET received_at = ? WHERE record_id = ?").params(Timestamp.from(longAgo),
                recordId).update();

        Instant now = Instant.parse("2024-06-01T00:00:00Z");
        sweep(records, now.minus(records.period()));
        assertThat(count("confirmation_records", "id", recordId)).as("kept while its data is held").isOne();
        sweep(receipts, longAgo);
        assertThat(count("partner_receipts", "record_id", recordId)).as("not before its period").isOne();
        sweep(receipts, now.minus(receipts.period()));
        assertThat(count("partner_receipts", "record_id", recordId)).isZero();
        sweep(records, longAgo);
        assertThat(count("confirmation_records", "id", recordId)).as("three full years").isOne();
        sweep(records, now.minus(records.period()));
        assertThat(count("confirmation_records", "id", recordId)).isZero();
    }

    private RetentionRule rule(String entry) {
        return retentionRules.stream().filter(r -> r.entry().equals(entry)).findFirst().orElseThrow();
    }

    private static void sweep(RetentionRule rule, Instant cutoff) {
        for (int i = 0; i < 1000 && rule.sweep(cutoff, 50) > 0; i++) {
            // again until nothing is left
        }
    }

    private long count(String table, String column, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Long.class)
                .single();
    }

    @Test
    void theProviderRegistryIsThePrivacyOfficersAndRefusesAPurposeThePersonCannotSwitchOff() throws Exception {
        String id = "reg-" + tag();
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/privacy/partner-providers", providerBody(id, List.of("PURCHASES"), "c"))
                .andExpect(status().isForbidden());
        Map<String, Object> provision = providerBody(id, List.of("PURCHASES"), "c");
        provision.put("purpose", "SERVICE_OPERATION");
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", provision)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", providerBody(id, List.of("SHOES"), "c"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("items"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", providerBody(id, List.of("PURCHASES"), "c"))
                .andExpect(status().isCreated());
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", providerBody(id, List.of("PURCHASES"), "c"))
                .andExpect(status().isOk());
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/partner-providers", providerBody(id, List.of("POINTS"), "c"))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'partner-provider.register' AND resource = ?")
                .param("partner-provider/" + id).query(Long.class).single()).as("registered once").isOne();
    }

    @Test
    void hostileBodiesAreAnsweredCleanlyAndStoreNothingHalfWay() throws Exception {
        Partner partner = partner(List.of("PURCHASES", "POINTS"));
        String[] customer = customer();
        HostileJson.assertAnsweredCleanly(mvc, 40, () -> receipt("r-" + UUID.randomUUID(), partner.provider(),
                        customer[0]),
                text -> post("/api/v1/partner-data/receipts").header("X-Api-Key", partner.key())
                        .contentType(MediaType.APPLICATION_JSON).content(text),
                body -> stored(partner.provider()));
    }
}
