package dev.anshin.fraud.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureConfig;
import dev.anshin.scoring.features.FeatureEngine;
import dev.anshin.scoring.model.RiskModel;
import dev.anshin.scoring.policy.DecisionPolicy;
import dev.anshin.scoring.rules.RuleSet;
import dev.anshin.training.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class ModelRegistryStartupIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ModelRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper jsonMapper;

    @AfterEach
    void retireEverything() {
        registry.list().stream().filter(m -> m.status() != ModelRegistry.Status.RETIRED)
                .forEach(m -> registry.retire(m.version(), "test-cleanup"));
    }

    @Test
    void startupLoadsTheActiveModelAndTheShadowsIntoTheEngine() throws IOException {
        String active = registry.register(model(), "test").version();
        registry.activate(active, "test");
        String shadow = registry.register(model(), "test").version();

        // A fresh engine and registry, as after a restart.
        ScoringEngine restarted = new ScoringEngine(new FeatureEngine(FeatureConfig.defaults()), null, RuleSet.EMPTY,
                DecisionPolicy.defaults());
        new ModelRegistry(jdbc, jsonMapper, restarted, Clock.systemUTC()).afterSingletonsInstantiated();

        assertThat(restarted.activeModel().version()).isEqualTo(active);
        assertThat(restarted.shadowModels()).extracting(RiskModel::version).contains(shadow);
    }

    private static TrainedModel model() throws IOException {
        try (var in = ModelRegistryStartupIntegrationTest.class.getResourceAsStream("/models/amount-model.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new TrainedModel(json, List.of("amount"), null, null, null, null, Map.of());
        }
    }
}
