package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.cards.Card;
import dev.anshin.scoring.Authorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthorizationApiIntegrationTest extends IntegrationTestSupport {

    private static final String PROBLEMS = "https://anshin.dev/problems/";

    @Autowired
    DecisionJournal decisions; // what the API answers from: the log's pending decisions, then the database

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PaymentPseudonyms pseudonyms;

    @Test
    void scoresAnAuthorizationAndAnswersWithItsDecision() throws Exception {
        Card card = newCard();
        String id = newId("happy");
        Map<String, Object> body = authorization(id, card.token());
        body.put("device", Map.of("deviceId", "dev-1", "channel", "02", "userAgent", "Mozilla/5.0",
                "language", "ja-JP", "timezoneOffset", -540, "screenWidth", 1920, "screenHeight", 1080));
        body.put("ipAddress", "203.0.113.7");

        postAuthorization(body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.authorizationId").value(id))
                .andExpect(jsonPath("$.decision").isString())
                .andExpect(jsonPath("$.reasons").isArray())
                .andExpect(jsonPath("$.modelVersion").isString())
                .andExpect(jsonPath("$.ruleSetVersion").isNumber())
                .andExpect(jsonPath("$.latencyMicros").isNumber())
                .andExpect(jsonPath("$.processingMicros").isNumber());

        StoredDecision stored = decisions.find(id).orElseThrow();
        assertThat(stored.authorization().cardToken()).isEqualTo(card.token());
        // Kept as its keyed pseudonym (PaymentPseudonymsIntegrationTest has the rest).
        assertThat(stored.authorization().device().deviceId()).isEqualTo(pseudonyms.device("dev-1"));
    }

    /** No model is active in these tests (ModelRegistryIntegrationTest retires its own): 0.0 would read as "no fraud". */
    @Test
    void withoutAModelAnswersWithNoScoreAndSaysTheRulesAloneDecided() throws Exception {
        Map<String, Object> body = authorization(newId("no-model"), newCard().token());
        postAuthorization(body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("NO_MODEL"))
                .andExpect(jsonPath("$.modelVersion").value("none"))
                .andExpect(jsonPath("$.score").value(nullValue()));
        // A retry answers from the stored decision: the same, still without a score.
        postAuthorization(body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("NO_MODEL"))
                .andExpect(jsonPath("$.score").value(nullValue()));
    }

    @Test
    void theMerchantNameIsKeptFromTheLogToTheDatabaseAndTakesPartInIdempotency() throws Exception {
        String id = newId("descriptor");
        Map<String, Object> body = authorization(id, newCard().token());
        body.put("merchantName", "NETFLIX.COM 866-579-7172");
        postAuthorization(body).andExpect(status().isOk());
        postAuthorization(body).andExpect(status().isOk());
        assertThat(decisions.find(id).orElseThrow().authorization().merchantName()).isEqualTo("NETFLIX.COM 866-579-7172");
        body.put("merchantName", "SPOTIFY");
        postAuthorization(body).andExpect(status().isConflict());
        body.put("merchantName", "x".repeat(100));
        postAuthorization(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("merchantName"));
        // Through the database too (what a restart reads back).
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (rows(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(jdbc.sql("SELECT merchant_name FROM authorizations WHERE authorization_id = ?").param(id)
                .query(String.class).single()).isEqualTo("NETFLIX.COM 866-579-7172");
    }

    @Test
    void theShippingAddressAndTheMerchantAccountAreKeptOnlyAsPseudonyms() throws Exception {
        String address = "東京都港区芝公園4-2-8 " + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> first = authorization(newId("ce3-a"), newCard().token());
        first.put("shippingAddress", address);
        first.put("merchantAccountId", "acct-42");
        first.put("merchantId", "m-ce3");
        first.put("posEntryMode", "81");
        first.put("cardPresent", false);
        postAuthorization(first).andExpect(status().isOk());
        // The same address typed with full-width digits and extra spaces, at the same merchant.
        Map<String, Object> second = authorization(newId("ce3-b"), newCard().token());
        second.put("shippingAddress", "  " + address.replace("4-2-8", "４-２-８").replace(" ", "   ") + " ");
        second.put("merchantAccountId", "acct-42");
        second.put("merchantId", "m-ce3");
        second.put("posEntryMode", "81");
        second.put("cardPresent", false);
        postAuthorization(second).andExpect(status().isOk());

        Authorization a = decisions.find((String) first.get("authorizationId")).orElseThrow().authorization();
        Authorization b = decisions.find((String) second.get("authorizationId")).orElseThrow().authorization();
        assertThat(a.shippingAddressKey()).startsWith("ps_").isEqualTo(b.shippingAddressKey());
        assertThat(a.accountKey()).startsWith("ps_").isEqualTo(b.accountKey()).isNotEqualTo(a.shippingAddressKey());
        Map<String, Object> elsewhere = authorization(newId("ce3-c"), newCard().token());
        elsewhere.put("merchantAccountId", "acct-42");
        postAuthorization(elsewhere).andExpect(status().isOk());
        assertThat(decisions.find((String) elsewhere.get("authorizationId")).orElseThrow().authorization().accountKey())
                .as("the same account id at another merchant is another account").isNotEqualTo(a.accountKey());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (rows((String) second.get("authorizationId")) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String stored = jdbc.sql("SELECT * FROM authorizations WHERE authorization_id IN (?, ?)")
                .params(first.get("authorizationId"), second.get("authorizationId")).query().listOfRows().toString();
        assertThat(stored).contains(a.shippingAddressKey()).doesNotContain("芝公園").doesNotContain("acct-42");
    }

    @Test
    void acceptsPosEntryModeByName() throws Exception {
        Map<String, Object> body = authorization(newId("pos-name"), newCard().token());
        body.put("posEntryMode", "ECOMMERCE");
        body.put("cardPresent", false);
        postAuthorization(body).andExpect(status().isOk());
    }

    @Test
    void retryReturnsTheStoredDecisionAndStoresOneRow() throws Exception {
        String id = newId("retry");
        Map<String, Object> body = authorization(id, newCard().token());

        String first = postAuthorization(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String second = postAuthorization(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(second).isEqualTo(first);
        assertThat(rows(id)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesAreScoredOnce() throws Exception {
        String id = newId("dup");
        String body = json.writeValueAsString(authorization(id, newCard().token()));
        String key = key(dev.anshin.access.Role.SCORER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<String>) () -> postAuthorization(body)
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()));
            }
            String expected = answers.get(0).get();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(key).isNotBlank();
        assertThat(rows(id)).isEqualTo(1);
    }

    @Test
    void sameIdWithDifferentRequestIsAConflict() throws Exception {
        String id = newId("conflict");
        Map<String, Object> body = authorization(id, newCard().token());
        postAuthorization(body).andExpect(status().isOk());

        body.put("amount", Map.of("minor", 999_999, "currency", "USD"));
        postAuthorization(body)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "conflict"));
        assertThat(decisions.find(id).orElseThrow().authorization().amountMinor()).isEqualTo(1250);
    }

    @Test
    void acceptsAPanOfARegisteredCardWithoutEchoingIt() throws Exception {
        String pan = newPan();
        Card card = cards.register(pan);
        String id = newId("pan");
        Map<String, Object> body = authorization(id, card.token());
        body.put("card", Map.of("pan", pan));

        String response = postAuthorization(body).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(response).doesNotContain(pan);
        assertThat(decisions.find(id).orElseThrow().authorization().cardToken()).isEqualTo(card.token());
    }

    @Test
    void unknownCardIsRefusedNamingTheCardField() throws Exception {
        String id = newId("unknown-card");
        postAuthorization(authorization(id, "tok_not-registered"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-card"))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("card")));
        String pan = newPan();
        Map<String, Object> withPan = authorization(id, "x");
        withPan.put("card", Map.of("pan", pan));
        postAuthorization(withPan)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-card"))
                .andExpect(content().string(not(containsString(pan))));
        assertThat(rows(id)).isZero();
    }

    @Test
    void blockedCardIsDeclined() throws Exception {
        Card card = newCard();
        postAs(dev.anshin.access.Role.ADMIN, "/api/v1/cards/" + card.token() + "/block", "{}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("BLOCKED"));
        postAuthorization(authorization(newId("blocked"), card.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("DECLINE"))
                .andExpect(jsonPath("$.reasons[0].code").value("card-blocked"));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("missing id", b -> b.remove("authorizationId"), "validation", "authorizationId"),
                bad("missing card", b -> b.remove("card"), "validation", "card"),
                bad("token and pan", b -> b.put("card", Map.of("token", "tok_x", "pan", "4111111111111111")),
                        "validation", "card"),
                bad("pan with letters", b -> b.put("card", Map.of("pan", "4111abcd11111111")), "validation", "card.pan"),
                bad("pan failing Luhn", b -> b.put("card", Map.of("pan", "4111111111111112")), "validation", "card.pan"),
                bad("missing amount", b -> b.remove("amount"), "validation", "amount"),
                bad("negative amount", b -> b.put("amount", Map.of("minor", -1, "currency", "USD")),
                        "validation", "amount.minor"),
                bad("amount as text", b -> b.put("amount", Map.of("minor", "lots", "currency", "USD")),
                        "validation", "amount.minor"),
                bad("amount beyond 64 bits", b -> b.put("amount", Map.of("minor", new java.math.BigInteger("99999999999999999999999"),
                        "currency", "USD")), "validation", "amount.minor"),
                bad("unknown currency", b -> b.put("amount", Map.of("minor", 100, "currency", "XYZ")),
                        "validation", "amount.currency"),
                bad("lower-case currency", b -> b.put("amount", Map.of("minor", 100, "currency", "usd")),
                        "validation", "amount.currency"),
                bad("three-digit MCC", b -> b.put("mcc", "541"), "validation", "mcc"),
                bad("MCC with letters", b -> b.put("mcc", "54A1"), "validation", "mcc"),
                bad("unknown POS mode", b -> b.put("posEntryMode", "99"), "validation", "posEntryMode"),
                bad("unknown country", b -> b.put("merchantCountry", "XX"), "validation", "merchantCountry"),
                bad("missing cardPresent", b -> b.remove("cardPresent"), "validation", "cardPresent"),
                bad("cardPresent as text", b -> b.put("cardPresent", "maybe"), "validation", "cardPresent"),
                bad("timestamp not ISO", b -> b.put("timestamp", "yesterday"), "validation", "timestamp"),
                bad("timestamp in year 9999", b -> b.put("timestamp", "9999-01-01T00:00:00Z"), "validation", "timestamp"),
                bad("timestamp two days ahead", b -> b.put("timestamp", java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString()), "validation", "timestamp"),
                bad("card as text", b -> b.put("card", "4111111111111111"), "validation", "card"),
                bad("bad device channel", b -> b.put("device", Map.of("channel", "07")), "validation", "device.channel"),
                bad("bad IP", b -> b.put("ipAddress", "not an ip"), "validation", "ipAddress"),
                bad("IP with octets above 255", b -> b.put("ipAddress", "999.999.999.999"), "validation", "ipAddress"),
                bad("IPv6 with a zone", b -> b.put("ipAddress", "fe80::1%eth0"), "validation", "ipAddress"),
                bad("amount of 2^63-1", b -> b.put("amount", Map.of("minor", Long.MAX_VALUE, "currency", "JPY")),
                        "validation", "amount.minor"),
                bad("amount above the currency's ceiling", b -> b.put("amount", Map.of("minor", 100_000_001L,
                        "currency", "USD")), "validation", "amount.minor"),
                bad("amount above what a network carries", b -> b.put("amount", Map.of("minor", 1_000_000_000_000L,
                        "currency", "EUR")), "validation", "amount.minor"),
                bad("NUL in the merchant name", b -> b.put("merchantName", "SHOP\u0000"), "validation", "merchantName"),
                bad("right-to-left override in the merchant name", b -> b.put("merchantName",
                        "\u202EMOC.ELGOOG"), "validation", "merchantName"),
                bad("card number in the merchant name", b -> b.put("merchantName", "SHOP 4111 1111 1111 1111"),
                        "validation", "merchantName"),
                bad("card number in the shipping address", b -> b.put("shippingAddress", "1-2-3 Chiyoda 4111111111111111"),
                        "validation", "shippingAddress"),
                bad("escape sequence in the user agent", b -> b.put("device", Map.of("userAgent", "Mozilla\u001b[2J")),
                        "validation", "device.userAgent"),
                bad("bidi isolate in the merchant account", b -> b.put("merchantAccountId", "acct\u2066-1"),
                        "validation", "merchantAccountId"));
    }

    /**
     * Numbers and types are read strictly (issue 13): each body is valid but for one value of the
     * wrong JSON type or one key given twice, written as raw JSON the way a client would send it.
     */
    static Stream<Arguments> looselyTypedInputs() {
        return Stream.of(
                Arguments.of("fraction for an integer", "\"minor\":1250", "\"minor\":12.99", "amount.minor"),
                Arguments.of("negative fraction", "\"minor\":1250", "\"minor\":-0.5", "amount.minor"),
                Arguments.of("exponent form", "\"minor\":1250", "\"minor\":1.2e4", "amount.minor"),
                Arguments.of("whole number as a float", "\"minor\":1250", "\"minor\":1250.0", "amount.minor"),
                Arguments.of("number in a string", "\"minor\":1250", "\"minor\":\"12800\"", "amount.minor"),
                Arguments.of("boolean for a number", "\"minor\":1250", "\"minor\":true", "amount.minor"),
                Arguments.of("number for a boolean", "\"cardPresent\":true", "\"cardPresent\":1", "cardPresent"),
                Arguments.of("string for a boolean", "\"cardPresent\":true", "\"cardPresent\":\"true\"", "cardPresent"),
                Arguments.of("number for a string", "\"mcc\":\"5411\"", "\"mcc\":5411", "mcc"),
                Arguments.of("boolean for a string", "\"mcc\":\"5411\"", "\"mcc\":true", "mcc"),
                Arguments.of("duplicate key", "\"mcc\":\"5411\"", "\"mcc\":\"5411\",\"mcc\":\"7995\"", "mcc"),
                Arguments.of("duplicate nested key", "\"minor\":1250", "\"minor\":1250,\"minor\":99", "amount.minor"),
                Arguments.of("fraction for a device integer", "\"cardPresent\":true",
                        "\"cardPresent\":true,\"device\":{\"timezoneOffset\":-540.5}", "device.timezoneOffset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looselyTypedInputs")
    void refusesAValueOfTheWrongJsonTypeOrAKeyGivenTwiceNamingTheField(String name, String valid, String loose,
            String field) throws Exception {
        String id = newId("loose");
        String body = json.writeValueAsString(authorization(id, newCard().token()));
        assertThat(body).contains(valid);
        refusedNamingTheField(id, body.replace(valid, loose), "validation", field);
    }

    private static Arguments bad(String name, Consumer<Map<String, Object>> change, String type, String field) {
        return Arguments.of(name, change, type, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadInputWithAProblemNamingTheField(String name, Consumer<Map<String, Object>> change, String type,
            String field) throws Exception {
        String id = newId("bad");
        Map<String, Object> body = authorization(id, newCard().token());
        change.accept(body);
        refusedNamingTheField(id, body, type, field);
    }

    /** 422 with the problem type naming the field, and nothing of the authorization stored. */
    private void refusedNamingTheField(String id, Object body, String type, String field) throws Exception {
        postAuthorization(body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + type))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
        assertThat(rows(id)).isZero();
        assertThat(decisions.find(id)).isEmpty();
    }

    @Autowired
    dev.anshin.scoring.ScoringEngine engine;

    @Test
    void theApiAndTheLiveFeatureStateShareOneAmountCeiling() throws Exception {
        // The replay at start feeds stored authorizations to this same engine, so the ceiling applies there too.
        assertThat(engine.features().config().amountCeiling().maxMinor("USD")).isEqualTo(100_000_000L);
        Map<String, Object> atCeiling = authorization(newId("ceiling"), newCard().token());
        atCeiling.put("amount", Map.of("minor", 100_000_000L, "currency", "USD"));
        postAuthorization(atCeiling).andExpect(status().isOk());
        Map<String, Object> above = authorization(newId("above-ceiling"), newCard().token());
        above.put("amount", Map.of("minor", 100_000_001L, "currency", "USD"));
        postAuthorization(above).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("amount.minor"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("100000000")));
    }

    @Test
    void theOpenApiDocumentStatesTheFieldRules() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.description").value(containsString("read strictly")))
                .andExpect(jsonPath("$.components.schemas.Money.properties.minor.description")
                        .value(containsString("JSON integer")))
                .andExpect(jsonPath("$.components.schemas.AuthorizationRequest.properties.merchantName.description")
                        .value(containsString("no card number")));
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        postAuthorization("{\"authorizationId\": \"x\", ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"text\""})
    void aBodyThatIsNoAuthorizationIsABadRequest(String body) throws Exception {
        postAuthorization(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"));
    }

    @Test
    void answersJsonAndRefusesToAnswerAnythingElse() throws Exception {
        String id = newId("accept");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/authorizations")
                        .header("X-Api-Key", key(dev.anshin.access.Role.SCORER)).accept("text/html")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(authorization(id, newCard().token()))))
                .andExpect(status().isNotAcceptable());
        assertThat(rows(id)).isZero();
        postAuthorization(authorization(id, newCard().token()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON));
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        Map<String, Object> body = authorization(newId("big"), newCard().token());
        body.put("padding", "x".repeat(70 * 1024));
        postAuthorization(body)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "payload-too-large"));
    }

    @Test
    void wrongMediaTypeIsAProblemNotAnError() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/authorizations")
                        .header("X-Api-Key", key(dev.anshin.access.Role.SCORER))
                        .contentType("text/plain").content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unsupported-media-type"));
    }

    /** Rows in the table once the decision log's indexer has caught up with this id. */
    private int rows(String id) throws InterruptedException {
        assertThat(decisions.awaitIndexed(id, java.time.Duration.ofSeconds(10))).isTrue();
        return jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?").param(id)
                .query(Integer.class).single();
    }
}
