package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;

/**
 * An issuer that prefers a rules-only decision to a refusal: one scoring slot, nobody waits, one
 * rules-only slot. Also the metrics scrape, which counts all of it.
 */
@TestPropertySource(properties = {
        "anshin.fraud.admission.when-overloaded=RULES_ONLY",
        "anshin.fraud.admission.max-concurrent=1",
        "anshin.fraud.admission.max-waiting=0",
        "anshin.fraud.admission.rules-only-concurrent=1",
        "management.defaults.metrics.export.enabled=true",
        "management.prometheus.metrics.export.enabled=true"})
class RulesOnlyIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Admission admission;

    @Autowired
    DecisionJournal journal;

    @Test
    void decidesByTheRulesAloneWhenOverCapacityMarksItAndRecordsIt() throws Exception {
        String id = newId("rules-only");
        try (Admission.Slot busy = admission.admit(System.nanoTime())) {
            postAuthorization(authorization(id, newCard().token()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.mode").value("RULES_ONLY"))
                    .andExpect(jsonPath("$.modelVersion").value("rules-only"))
                    .andExpect(jsonPath("$.score").value(Matchers.nullValue()))
                    // No rule allows it: the rules alone never approve.
                    .andExpect(jsonPath("$.decision").value("REVIEW"));
        }

        assertThat(journal.awaitIndexed(id, Duration.ofSeconds(10))).isTrue();
        mvc.perform(get("/api/v1/authorizations/" + id).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("RULES_ONLY"))
                .andExpect(jsonPath("$.decision").value("REVIEW"));
        // The console shows it as decided by the rules alone, not as a score of 0.000.
        mvc.perform(get("/console").with(SecurityMockMvcRequestPostProcessors.user("analyst").roles("ANALYST"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString(id),
                        Matchers.containsString("rules only (no score)"))));
    }

    @Test
    void refusesOnceTheRulesOnlySlotsAreTakenToo() throws Exception {
        try (Admission.Slot scoring = admission.admit(System.nanoTime());
                Admission.Slot byRules = admission.admit(System.nanoTime())) {
            assertThat(byRules.rulesOnly()).isTrue();
            postAuthorization(authorization(newId("refused"), newCard().token()))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/overloaded"));
        }
    }

    @Test
    void metricsAreScrapedWithAMetricsKeyOnly() throws Exception {
        try (Admission.Slot busy = admission.admit(System.nanoTime())) {
            postAuthorization(authorization(newId("counted"), newCard().token())).andExpect(status().isOk());
        }
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").header("X-Api-Key", key(Role.ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header("X-Api-Key", key(Role.SCORER))).andExpect(status().isForbidden());

        mvc.perform(get("/actuator/prometheus").header("X-Api-Key", key(Role.METRICS)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("anshin_admission_admitted_total"),
                        Matchers.containsString("anshin_admission_rules_only_total"),
                        Matchers.containsString("anshin_admission_shed_total{reason=\"overloaded\"}"),
                        Matchers.containsString("anshin_admission_in_flight"),
                        Matchers.containsString("anshin_decision_log_pending"),
                        Matchers.containsString("anshin_decision_log_lag_seconds"),
                        Matchers.containsString("anshin_decision_log_free_bytes"),
                        Matchers.containsString("hikaricp_connections_active"))));
    }
}
