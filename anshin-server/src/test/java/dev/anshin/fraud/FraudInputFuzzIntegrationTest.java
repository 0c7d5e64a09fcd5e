package dev.anshin.fraud;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Fuzzing the fraud module's parsers of outside input (QuickTheories, {@link HostileJson}): scoring
 * requests, fraud labels, new rules and changes of a rule ({@code PUT}), model imports and trainings on the
 * stored history. Whatever the body, no 5xx, and a refused one leaves nothing behind (no decision, label,
 * rule change or model).
 */
class FraudInputFuzzIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DecisionJournal decisions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void scoringRequests() {
        Card card = newCard();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            Map<String, Object> body = authorization(newId("fuzz"), card.token());
            body.put("device", new LinkedHashMap<>(Map.of("deviceId", "dev-1", "channel", "02", "userAgent", "Mozilla/5.0",
                    "language", "ja-JP", "timezoneOffset", -540, "screenWidth", 390, "screenHeight", 844)));
            body.put("ipAddress", "203.0.113.7");
            body.put("merchantName", "SEVEN-ELEVEN #00042 TOKYO JP");
            body.put("shippingAddress", "東京都千代田区千代田1-1");
            body.put("merchantAccountId", "acct-42");
            return body;
        }, as(Role.SCORER, "/api/v1/authorizations"),
                body -> decisions.find((String) body.get("authorizationId")).isPresent() ? 1L : 0L);
    }

    @Test
    void fraudLabels() throws Exception {
        String scored = newId("fuzz-labelled");
        postAuthorization(authorization(scored, newCard().token())).andExpect(status().isOk());
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("authorizationId", scored,
                        "fraud", true, "source", "ISSUER", "reportedAt", Instant.now().toString())),
                as(Role.LABELER, "/api/v1/fraud-labels"),
                body -> jdbc.sql("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ?").param(scored)
                        .query(Long.class).single());
    }

    @Test
    void rules() {
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            // Disabled and on an MCC no test uses: whatever is accepted changes no other test's decisions.
            Map<String, Object> condition = new LinkedHashMap<>(Map.of("type", "inList", "attribute", "MCC",
                    "values", List.of("0001")));
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", "fuzz-" + UUID.randomUUID().toString().substring(0, 8));
            rule.put("description", "Fuzzed rule that matches nothing");
            rule.put("action", "REVIEW");
            rule.put("enabled", false);
            rule.put("condition", condition);
            return rule;
        }, as(Role.ADMIN, "/api/v1/rules"), body -> jdbc.sql("SELECT COUNT(*) FROM rule_changes").query(Long.class)
                .single());
    }

    @Test
    void ruleChanges() throws Exception {
        String id = "fuzz-change-" + UUID.randomUUID().toString().substring(0, 8);
        postAs(Role.ADMIN, "/api/v1/rules", disabledRule(id)).andExpect(status().isCreated());
        String key = key(Role.ADMIN);
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> disabledRule(id),
                body -> put("/api/v1/rules/" + id).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                body -> jdbc.sql("SELECT COUNT(*) FROM rule_changes").query(Long.class).single());
    }

    /** Disabled and on an MCC no test uses: whatever is accepted changes no other test's decisions. */
    private static Map<String, Object> disabledRule(String id) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        rule.put("description", "Fuzzed rule that matches nothing");
        rule.put("action", "REVIEW");
        rule.put("enabled", false);
        rule.put("condition", new LinkedHashMap<>(Map.of("type", "inList", "attribute", "MCC", "values", List.of("0001"))));
        return rule;
    }

    @Test
    void modelImports() throws Exception {
        Object model = json.readValue(modelJson(), Map.class);
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("xgboostJson", model);
            body.put("featureNames", List.of("amount"));
            body.put("parameters", new LinkedHashMap<>(Map.of("rounds", 1, "maxDepth", 1, "eta", 0.3, "subsample", 1.0,
                    "colsampleByTree", 1.0, "minChildWeight", 1.0, "seed", 7)));
            body.put("windowStart", "2026-01-01T00:00:00Z");
            body.put("windowEnd", "2026-02-01T00:00:00Z");
            body.put("dataFingerprint", "sha256:0123abcd");
            body.put("metrics", new LinkedHashMap<>(Map.of("train_auc", 0.9)));
            return body;
        }, as(Role.ADMIN, "/api/v1/models"), body -> jdbc.sql("SELECT COUNT(*) FROM models").query(Long.class).single(),
                this::retire);
    }

    @Test
    void modelTrainings() {
        // A window with no stored authorization: whatever is accepted trains on next to nothing.
        HostileJson.assertAnsweredCleanly(mvc, 40, () -> new LinkedHashMap<>(Map.of("from", "2001-01-01T00:00:00Z",
                        "to", "2001-02-01T00:00:00Z")),
                as(Role.ADMIN, "/api/v1/models/train"),
                body -> jdbc.sql("SELECT COUNT(*) FROM models").query(Long.class).single(), this::retire);
    }

    /** Registered models are scored on every authorization (the first one trained even decides): retire them. */
    private void retire(MockHttpServletResponse accepted) {
        try {
            String version = json.readTree(accepted.getContentAsString()).get("version").asString();
            postAs(Role.ADMIN, "/api/v1/models/" + version + "/retire", "{}").andExpect(status().isOk());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Function<String, RequestBuilder> as(Role role, String path) {
        String key = key(role);
        return body -> post(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String modelJson() {
        try (var in = FraudInputFuzzIntegrationTest.class.getResourceAsStream("/models/amount-model.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
