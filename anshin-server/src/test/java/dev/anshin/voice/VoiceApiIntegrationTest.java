package dev.anshin.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/voices} end to end: stored with its analysis (201, Location), a retry answered with the
 * stored item (200), every bad input refused with its own problem type naming the field and nothing stored, two
 * sends at once storing one item; the original sealed, read only through the audited path, cleared on erasure,
 * disclosed to the person; voices from nobody sealed with the month's key and shredded with it.
 */
class VoiceApiIntegrationTest extends IntegrationTestSupport {

    private static final String WORDS = "先月の請求書に年会費が二重に載っていました。山田様に電話 090-1234-5678 でご連絡いただきたいです。";
    private static final Actor OFFICER = new Actor("voice-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    @Autowired
    VoiceRetention retention;

    @Autowired
    VoiceIntake intake;

    @Test
    void aVoiceIsStoredWithItsAnalysisRoutedAndAuditedAndARetryAnswersTheSameItem() throws Exception {
        String voiceId = newId("call");
        Map<String, Object> body = voice(voiceId, WORDS);
        MvcResult first = postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", body)
                .andExpect(status().isCreated()).andReturn();
        JsonNode item = json.readTree(first.getResponse().getContentAsString());
        String id = item.get("id").asString();
        assertThat(first.getResponse().getHeader("Location")).isEqualTo("/api/v1/voices/" + id);
        assertThat(item.get("voiceId").asString()).isEqualTo(voiceId);
        assertThat(item.get("channel").asString()).isEqualTo("CALL_CENTER");
        assertThat(item.get("kind").asString()).isNotBlank();
        assertThat(item.get("sentiment").asString()).isNotBlank();
        assertThat(item.get("modelVersion").asString()).isNotBlank();
        assertThat(item.get("topics").size()).isGreaterThan(0);
        String primary = item.get("topics").get(0).asString();
        assertThat(item.get("department").asString()).isEqualTo(jdbc.sql(
                "SELECT department FROM voice_routes WHERE topic = ?").param(primary).query(String.class).single());
        // The words are masked for everyone who reads the item.
        assertThat(item.get("redactedText").asString()).doesNotContain("090-1234-5678").contains("年会費");
        assertThat(item.get("receivedAt").asString()).isEqualTo(body.get("receivedAt"));

        String retried = postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", body).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(retried)).isEqualTo(item);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE voice_key = ?").param(voiceId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_item_topics WHERE item_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(item.get("topics").size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'voice.receive' AND resource = ?")
                .param("voice/" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'voice.receive' AND resource = ?")
                .param("voice/" + id).query(String.class).single()).doesNotContain("年会費").doesNotContain("090");

        String read = mvc.perform(get("/api/v1/voices/" + id).header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(read)).isEqualTo(item);
    }

    @Test
    void theSameVoiceIdWithAnotherVoiceIsRefusedAndTheFirstStands() throws Exception {
        String voiceId = newId("call");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", voice(voiceId, WORDS)).andExpect(status().isCreated());
        refused(voice(voiceId, "ポイントの有効期限を延ばしてほしいです。"), 409, "voice-key-reused", "voiceId");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE voice_key = ?").param(voiceId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyBadInputIsRefusedWithItsOwnTypeNamingTheFieldAndNothingIsStored() throws Exception {
        refused(voice(newId("v"), ""), 422, "voice-empty-text", "text");
        refused(voice(newId("v"), "  \n　 "), 422, "voice-empty-text", "text");
        String tooLong = "あ".repeat(VoiceIntake.MAX_TEXT_LENGTH + 1);
        String detail = refused(voice(newId("v"), tooLong), 422, "voice-text-too-long", "text").get("detail").asString();
        assertThat(detail).contains("2000");
        // 2000 characters outside the basic plane are 2000 characters, not 4000.
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", voice(newId("v"), "😀".repeat(VoiceIntake.MAX_TEXT_LENGTH)))
                .andExpect(status().isCreated());
        refused(with(voice(newId("v"), WORDS), "channel", "FAX"), 422, "voice-unknown-channel", "channel");
        refused(with(voice(newId("v"), WORDS), "customerId", UUID.randomUUID().toString()), 422,
                "voice-unknown-customer", "customerId");
        refused(with(voice(newId("v"), WORDS), "customerId", "not-an-id"), 422, "voice-unknown-customer",
                "customerId");
        refused(with(voice(newId("v"), WORDS), "receivedAt", clock.instant().plus(Duration.ofHours(1)).toString()),
                422, "voice-received-in-future", "receivedAt");
        refused(with(voice(newId("v"), WORDS), "receivedAt", "yesterday"), 422, "validation", "receivedAt");
        refused(with(voice(newId("v"), WORDS), "text", 42), 422, "validation", "text");
        refused(with(voice(newId("v"), WORDS), "channel", List.of("WEB")), 422, "validation", "channel");
        refused(with(voice(newId("v"), WORDS), "mood", "angry"), 422, "validation", "mood");
        Map<String, Object> noText = voice(newId("v"), WORDS);
        noText.remove("text");
        refused(noText, 422, "validation", "text");
        Map<String, Object> noChannel = voice(newId("v"), WORDS);
        noChannel.remove("channel");
        refused(noChannel, 422, "validation", "channel");
        refused(with(voice(newId("v"), WORDS), "voiceId", "x".repeat(101)), 422, "validation", "voiceId");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", "{\"text\": ").andExpect(status().isBadRequest());
        postAs(Role.ANALYST, "/api/v1/voices", voice(newId("v"), WORDS)).andExpect(status().isForbidden());
    }

    @Test
    void anErasedCustomerIsRefusedAndTheirVoicesLoseTheirWordsButKeepTheirLabels() throws Exception {
        String customer = newCustomer();
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices",
                        with(voice(newId("call"), WORDS), "customerId", customer))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        Map<String, Object> stored = jdbc.sql("SELECT seal_key, original_text FROM voice_items WHERE id = ?").param(id)
                .query().singleRow();
        assertThat(stored.get("seal_key")).isEqualTo(customer);
        assertThat((String) stored.get("original_text")).doesNotContain("年会費");

        // The systems sending voices never read the words; the privacy officer does, on the person's request,
        // audited as a read of the customer's data.
        mvc.perform(get("/api/v1/voices/" + id + "/original").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isForbidden());
        String original = mvc.perform(get("/api/v1/voices/" + id + "/original")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(original).get("text").asString()).isEqualTo(WORDS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.open' AND resource = ? "
                        + "AND purpose = 'DATA_SUBJECT_REQUEST' AND outcome = 'SUCCESS' AND detail LIKE ?")
                .params("customer/" + customer, "%voice/" + id + "%").query(Long.class).single()).isEqualTo(1);

        // Their disclosure gives them their own words back.
        List<HeldElsewhere.Disclosed> voices = personalData.disclose(OFFICER, customer).elsewhere().stream()
                .filter(d -> d.entry().equals("VOICES")).toList();
        assertThat(voices).hasSize(1);
        assertThat(voices.get(0).values()).containsEntry("text", WORDS).containsEntry("voiceId", id)
                .containsEntry("channel", "CALL_CENTER");
        assertThat(voices.get(0).textJa()).contains(WORDS).contains("電話");

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, newId("erase"));

        Map<String, Object> erased = jdbc.sql("SELECT original_text, redacted_text, erased_at, kind FROM voice_items "
                + "WHERE id = ?").param(id).query().singleRow();
        assertThat(erased.get("original_text")).isNull();
        assertThat(erased.get("redacted_text")).isEqualTo("");
        assertThat(erased.get("erased_at")).isNotNull();
        assertThat(erased.get("kind")).isNotNull();
        mvc.perform(get("/api/v1/voices/" + id + "/original").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isGone());
        String labels = mvc.perform(get("/api/v1/voices/" + id).header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(labels).get("redactedText").asString()).isEmpty();
        assertThat(json.readTree(labels).get("topics").size()).isGreaterThan(0);

        refused(with(voice(newId("call"), WORDS), "customerId", customer), 422, "voice-customer-erased", "customerId");
    }

    @Test
    void aVoiceFromNobodyIsSealedWithItsMonthsKeyAndUnreadableOnceTheMonthIsShredded() throws Exception {
        // A month of its own, the oldest the retention period still takes, so that shredding it touches no other
        // test's voices.
        Instant longAgo = clock.instant().minus(retention.period()).plus(Duration.ofDays(40))
                .plus(Duration.ofDays(31L * java.util.concurrent.ThreadLocalRandom.current().nextInt(6)));
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices",
                        with(voice(newId("call"), WORDS), "receivedAt", longAgo.toString()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        String sealKey = jdbc.sql("SELECT seal_key FROM voice_items WHERE id = ?").param(id).query(String.class).single();
        assertThat(sealKey).isEqualTo("month:" + java.time.YearMonth.from(longAgo.atOffset(java.time.ZoneOffset.UTC)));
        assertThat(jdbc.sql("SELECT original_text FROM voice_items WHERE id = ?").param(id).query(String.class).single())
                .doesNotContain("年会費");
        // The month's key was made before the voice's transaction, in one of its own.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unattributed_keys WHERE seal_key = ?").param(sealKey)
                .query(Long.class).single()).isEqualTo(1);
        // Words from nobody registered: for the privacy officer's DATA_SUBJECT_REQUEST only.
        mvc.perform(get("/api/v1/voices/" + id + "/original").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/voices/" + id + "/original").param("purpose", "SERVICE_OPERATION")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isForbidden());
        Actor service = new Actor("voice-test-service", Set.of(Role.CUSTOMER_SERVICE), "test");
        assertThatThrownBy(() -> personalData.openUnattributed(service, Purpose.SERVICE_OPERATION, "voice/" + id,
                sealKey, "voice/" + id, "x")).isInstanceOfSatisfying(RequestProblem.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.PURPOSE_NOT_ALLOWED));
        String original = mvc.perform(get("/api/v1/voices/" + id + "/original")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(original).get("text").asString()).isEqualTo(WORDS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.open' AND resource = ? "
                        + "AND outcome = 'SUCCESS' AND purpose = 'DATA_SUBJECT_REQUEST'")
                .param("voice/" + id).query(Long.class).single()).isEqualTo(1);

        // Past that month the voice goes (as the retention sweep deletes it: the sweep itself would now reach other
        // tests' older voices, some linked to countermeasures) and then the month's key.
        Instant cutoff = longAgo.plus(Duration.ofDays(40));
        jdbc.sql("DELETE FROM voice_item_topics WHERE item_id = ?").param(id).update();
        jdbc.sql("DELETE FROM voice_items WHERE id = ?").param(id).update();
        personalData.shredUnattributed(cutoff);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE id = ?").param(id).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unattributed_keys WHERE seal_key = ?").param(sealKey)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRetryWithNanosecondsAnswersTheSameItemAndTheTimeIsKeptInMicroseconds() throws Exception {
        Instant at = clock.instant().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        Map<String, Object> body = with(voice(newId("nano"), WORDS), "receivedAt", at.toString());
        assertThat(at.toString()).contains(".123456789");
        String first = postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String again = postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", body).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(again).get("id").asString()).isEqualTo(json.readTree(first).get("id").asString());
        assertThat(Instant.parse(json.readTree(first).get("receivedAt").asString()))
                .isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aTimeBeforeTheRetentionPeriodOrAbsurdIsRefusedNamingReceivedAt() throws Exception {
        String old = clock.instant().minus(retention.period()).minus(Duration.ofDays(1)).toString();
        JsonNode problem = refused(with(voice(newId("v"), WORDS), "receivedAt", old), 422, "validation", "receivedAt");
        assertThat(problem.get("errors").toString()).contains("retention");
        refused(with(voice(newId("v"), WORDS), "receivedAt", "1971-01-15T03:00:00Z"), 422, "validation",
                "receivedAt");
        refused(with(voice(newId("v"), WORDS), "receivedAt", "-999999999-01-01T00:00:00Z"), 422, "validation",
                "receivedAt");
        refused(with(voice(newId("v"), WORDS), "receivedAt", "+999999999-12-31T23:59:59Z"), 422,
                "voice-received-in-future", "receivedAt");
    }

    @Test
    void aTextWhoseMaskedFormDoesNotFitIsRefusedAsTooLong() throws Exception {
        // 2000 characters of one-letter names: each "A" becomes ［氏名］, 5000 characters in all.
        String names = "A様".repeat(1000);
        refused(voice(newId("v"), names), 422, "voice-text-too-long", "text");
        // Masks that fit are stored.
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", voice(newId("v"), "A様".repeat(600)))
                .andExpect(status().isCreated());
    }

    @Test
    void theRetentionSweepDeletesAVoiceACountermeasureLinksToAndKeepsTheCountermeasure() throws Exception {
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", voice(newId("call"), WORDS))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        // Three years pass for this voice alone: a day of its own long before any other test's voices, so that the
        // sweep up to it touches none of theirs.
        Instant longAgo = Instant.parse("1950-01-01T00:00:00Z")
                .plus(Duration.ofMinutes(java.util.concurrent.ThreadLocalRandom.current().nextInt(5_000_000)));
        jdbc.sql("UPDATE voice_items SET received_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(longAgo), id).update();
        // A countermeasure raised from it, as Countermeasures.raise writes one.
        String measure = UUID.randomUUID().toString();
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO voice_countermeasures (id, action, owner, due_date, status, department, "
                        + "created_month, created_at, created_by, form_token, changed_at, changed_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(measure, "請求書の表示を見直す", "請求チーム", java.sql.Date.valueOf("2030-01-31"), "PLANNED", null,
                        "2026-01", java.sql.Timestamp.from(now), "voice-test", "cm-" + measure,
                        java.sql.Timestamp.from(now), "voice-test")
                .update();
        jdbc.sql("INSERT INTO voice_countermeasure_items (countermeasure_id, item_id) VALUES (?, ?)")
                .params(measure, id).update();

        Instant cutoff = longAgo.plusSeconds(1);
        while (retention.sweep(cutoff, 100) > 0) {
            // next batch
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE id = ?").param(id).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_countermeasure_items WHERE item_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action FROM voice_countermeasures WHERE id = ?").param(measure)
                .query(String.class).single()).isEqualTo("請求書の表示を見直す");
    }

    @Test
    void twoSendsOfTheSameVoiceAtOnceStoreOneItemAndBothAreAnsweredWithIt() throws Exception {
        String voiceId = newId("race");
        Map<String, Object> body = voice(voiceId, WORDS);
        String apiKey = key(Role.CUSTOMER_SERVICE);
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MvcResult>> sends = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sends.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                    .post("/api/v1/voices").header("X-Api-Key", apiKey)
                                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                    .content(json.writeValueAsString(body)))
                            .andReturn();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<MvcResult> send : sends) {
                MvcResult result = send.get();
                statuses.add(result.getResponse().getStatus());
                ids.add(json.readTree(result.getResponse().getContentAsString()).get("id").asString());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 200);
            assertThat(ids.get(0)).isEqualTo(ids.get(1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE voice_key = ?").param(voiceId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anImportedRowIsStoredWithoutAnAuditEntryOfItsOwnAndOtherSourcesWithOne() {
        String importId = UUID.randomUUID().toString();
        Actor importer = new Actor("voice-test-importer", Set.of(Role.CUSTOMER_SERVICE), "test");
        VoiceItem row = intake.receive(importer, new Submission(Source.IMPORT, "voice-test-importer",
                importId + ":1", Channel.CALL_CENTER, WORDS, clock.instant().minus(Duration.ofDays(1)), null,
                importId, 1));
        assertThat(row.created()).isTrue();
        assertThat(jdbc.sql("SELECT import_id, import_row FROM voice_items WHERE id = ?").param(row.id())
                .query().singleRow()).containsEntry("import_id", importId).containsEntry("import_row", 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ?").param("voice/" + row.id())
                .query(Long.class).single()).isZero();
        // The same row imported again is the stored item.
        assertThat(intake.receive(importer, new Submission(Source.IMPORT, "voice-test-importer", importId + ":1",
                Channel.CALL_CENTER, WORDS, row.receivedAt(), null, importId, 1)).created()).isFalse();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Map<String, Object> voice(String voiceId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "CALL_CENTER");
        body.put("text", text);
        body.put("receivedAt", clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("voiceId", voiceId);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    /** Posts a bad voice: refused with the type naming the field, and nothing stored under its voiceId. */
    private JsonNode refused(Map<String, Object> body, int status, String type, String field) throws Exception {
        String answer = postAs(Role.CUSTOMER_SERVICE, "/api/v1/voices", body)
                .andExpect(status().is(status))
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/problem+json")))
                .andReturn().getResponse().getContentAsString();
        JsonNode problem = json.readTree(answer);
        assertThat(problem.get("type").asString()).as(answer).isEqualTo("https://anshin.dev/problems/" + type);
        assertThat(problem.get("errors").toString()).as(answer).contains("\"" + field);
        assertThat(answer).doesNotContain("090-1234-5678").doesNotContain("年会費");
        if (body.get("voiceId") instanceof String voiceId && status != 409) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE voice_key = ?").param(voiceId)
                    .query(Long.class).single()).isZero();
        }
        return problem;
    }
}
