package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.fraud.models.ModelRegistry;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.RiskDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ModelTrainingIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DecisionJournal journal;

    @Autowired
    FraudLabels labels;

    @Autowired
    ModelRegistry registry;

    @AfterEach
    void retireEverything() {
        registry.list().stream().filter(m -> m.status() != ModelRegistry.Status.RETIRED)
                .forEach(m -> registry.retire(m.version(), "test-cleanup"));
    }

    @Test
    void trainsOnStoredHistoryAndRegistersTheModel() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(20));
        List<String> frauds = storeHistory(from, 400);
        for (String id : frauds) {
            labels.record(id, FraudLabels.Source.ISSUER, true, null);
        }

        postAs(Role.ADMIN, "/api/v1/models/train", Map.of("from", from.toString(), "to", now.toString()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").isString())
                .andExpect(jsonPath("$.dataFingerprint").isString())
                .andExpect(jsonPath("$.status").value("ACTIVE"));

        assertThat(registry.audit().get(0).action()).isEqualTo("ACTIVATE");
    }

    @Test
    void trainingWindowMustBeValid() throws Exception {
        postAs(Role.ADMIN, "/api/v1/models/train", Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        // Years a SQL timestamp cannot hold were a 500.
        postAs(Role.ADMIN, "/api/v1/models/train", Map.of("from", "+999999999-01-01T00:00:00Z",
                        "to", "+999999999-12-31T00:00:00Z"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        postAs(Role.ADMIN, "/api/v1/models/train", Map.of("from", "1969-12-31T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void aWindowWithoutBothFraudAndGenuineAuthorizationsIsRefusedAndRegistersNothing() throws Exception {
        int before = registry.list().size();
        postAs(Role.ADMIN, "/api/v1/models/train", Map.of("from", "2001-01-01T00:00:00Z", "to", "2001-02-01T00:00:00Z"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/nothing-to-learn"))
                .andExpect(jsonPath("$.detail").value(containsString("0 authorizations")));
        assertThat(registry.list()).hasSize(before);
    }

    /** Stores authorizations spread over 20 days; big amounts are fraud. Returns the fraud ids. */
    private List<String> storeHistory(Instant from, int count) throws Exception {
        Random random = new Random(7);
        String card = newCard().token();
        List<StoredDecision> rows = new ArrayList<>();
        List<String> frauds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fraud = i % 10 == 0;
            String id = newId("train");
            Instant at = from.plusSeconds(random.nextInt(20 * 24 * 3600 - 60));
            long amount = fraud ? 50_000 + random.nextInt(50_000) : 500 + random.nextInt(5_000);
            Authorization a = new Authorization(id, card, amount, "USD", "m-train-" + (i % 7), "5411",
                    "t-train-" + (i % 13), "JP", fraud ? PosEntryMode.ECOMMERCE : PosEntryMode.CHIP, !fraud, at,
                    null, null);
            RiskDecision d = new RiskDecision(id, Decision.APPROVE, 0.0, List.of(), "none", 0, Map.of(), 1);
            rows.add(new StoredDecision(a, AuthorizationScoring.fingerprint(a), d, 1, at));
            if (fraud) {
                frauds.add(id);
            }
        }
        DecisionJournalTest.store(journal, rows);
        return frauds;
    }
}
