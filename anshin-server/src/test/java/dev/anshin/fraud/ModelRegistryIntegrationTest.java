package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.fraud.models.ModelRegistry;
import dev.anshin.scoring.ScoringEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ModelRegistryIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ModelRegistry registry;

    @Autowired
    ScoringEngine engine;

    @AfterEach
    void retireEverything() {
        // Other tests expect rules-only decisions: leave no model deciding.
        registry.list().stream().filter(m -> m.status() != ModelRegistry.Status.RETIRED)
                .forEach(m -> registry.retire(m.version(), "test-cleanup"));
    }

    @Test
    void activationAndRollbackAreAppliedAndAudited() throws Exception {
        String first = importModel();
        String second = importModel();

        postAs(Role.ADMIN, "/api/v1/models/" + first + "/activate", "{}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(engine.activeModel().version()).isEqualTo(first);

        Map<String, Object> big = authorization(newId("big"), newCard().token());
        big.put("amount", Map.of("minor", 100_000, "currency", "USD"));
        postAuthorization(big).andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("DECLINE"))
                .andExpect(jsonPath("$.mode").value("FULL"))
                .andExpect(jsonPath("$.score").isNumber())
                .andExpect(jsonPath("$.modelVersion").value(first))
                .andExpect(jsonPath("$.reasons[0].code").value("amount"));

        postAs(Role.ADMIN, "/api/v1/models/" + second + "/activate", "{}").andExpect(status().isOk());
        assertThat(registry.find(first).orElseThrow().status()).isEqualTo(ModelRegistry.Status.RETIRED);
        postAs(Role.ADMIN, "/api/v1/models/rollback", "{}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(first));
        assertThat(engine.activeModel().version()).isEqualTo(first);

        List<ModelRegistry.AuditEntry> audit = registry.audit().stream()
                .filter(e -> e.modelVersion().equals(first) || e.modelVersion().equals(second)).toList();
        assertThat(audit).extracting(ModelRegistry.AuditEntry::action)
                .containsSubsequence("ROLLBACK", "ACTIVATE", "ACTIVATE");
        assertThat(audit).allSatisfy(entry -> assertThat(entry.actor()).startsWith("api:test-admin/"));
    }

    /**
     * Two administrators activate different models from the same page (both saw none active): the
     * registry's lock is the database's, held until commit, so exactly one wins and one model is ACTIVE.
     */
    @Test
    void concurrentActivationsLeaveExactlyOneActiveModel() throws Exception {
        for (int round = 0; round < 5; round++) {
            registry.list().stream().filter(m -> m.status() == ModelRegistry.Status.ACTIVE)
                    .forEach(m -> registry.retire(m.version(), "test-cleanup"));
            String one = importModel();
            String two = importModel();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<String>> results = pool.invokeAll(List.of(one, two).stream()
                        .map(v -> (java.util.concurrent.Callable<String>) () -> {
                            start.await();
                            try {
                                return registry.activate(v, "test-race", "").version();
                            } catch (ModelRegistry.Refusal refusal) {
                                return refusal.reason();
                            }
                        }).toList());
                List<String> outcomes = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<String> result : results) {
                    outcomes.add(result.get());
                }
                assertThat(outcomes).as("round " + round).containsOnlyOnce(ModelRegistry.STALE)
                        .containsAnyOf(one, two);
            } finally {
                pool.shutdownNow();
            }
            assertThat(registry.list().stream().filter(m -> m.status() == ModelRegistry.Status.ACTIVE))
                    .as("round " + round).hasSize(1);
        }
    }

    /** A stale page's retire or shadow: the model became ACTIVE meanwhile, so it is refused, still deciding. */
    @Test
    void retiringOrShadowingExpectsTheStatusItWasShownIn() throws Exception {
        String version = importModel();
        registry.activate(version, "test");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> registry.retire(version, "test", ModelRegistry.Status.SHADOW))
                .isInstanceOfSatisfying(ModelRegistry.Refusal.class,
                        r -> assertThat(r.reason()).isEqualTo(ModelRegistry.STALE));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> registry.shadow(version, "test", ModelRegistry.Status.RETIRED))
                .isInstanceOf(ModelRegistry.Refusal.class);
        assertThat(registry.active().orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void shadowModelIsScoredButDoesNotDecide() throws Exception {
        String shadow = importModel();
        postAs(Role.ADMIN, "/api/v1/models/" + shadow + "/shadow", "{}").andExpect(status().isOk());
        assertThat(engine.shadowModels()).extracting(m -> m.version()).contains(shadow);

        Map<String, Object> big = authorization(newId("shadowed"), newCard().token());
        big.put("amount", Map.of("minor", 100_000, "currency", "USD"));
        postAuthorization(big).andExpect(jsonPath("$.decision").value("APPROVE"));
    }

    @Test
    void modelNeedingAnUnknownFeatureIsRefused() throws Exception {
        postAs(Role.ADMIN, "/api/v1/models", Map.of("xgboostJson", modelJson(), "featureNames", List.of("shoe_size")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("featureNames"));
    }

    @Test
    void modelImportMayBeFarLargerThanOtherApiBodies() throws Exception {
        // Real models run to megabytes; here the size comes from per-segment metrics instead.
        Map<String, Object> metrics = new java.util.HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            metrics.put("segment_" + i + "_average_precision", 0.5 + i / 20_000.0);
        }
        String body = json.writeValueAsString(Map.of("xgboostJson", modelJson(), "featureNames", List.of("amount"),
                "metrics", metrics));
        assertThat(body.length()).isGreaterThan(64 * 1024);

        postAs(Role.ADMIN, "/api/v1/models", body).andExpect(status().isCreated());
    }

    private String importModel() throws Exception {
        String body = postAs(Role.ADMIN, "/api/v1/models", Map.of("xgboostJson", modelJson(),
                        "featureNames", List.of("amount"), "metrics", Map.of("auc", 0.9)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("SHADOW"))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("version").asString();
    }

    private static String modelJson() throws IOException {
        try (var in = ModelRegistryIntegrationTest.class.getResourceAsStream("/models/amount-model.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
