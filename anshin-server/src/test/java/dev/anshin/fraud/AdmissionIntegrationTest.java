package dev.anshin.fraud;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/** The admission stage on the real endpoint, with the default settings (refuse when over capacity). */
class AdmissionIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Admission admission;

    @Test
    void refusesWhenOverCapacityWithRetryAfterAndStoresNothing() throws Exception {
        String card = newCard().token();
        String id = newId("shed");
        List<Admission.Slot> busy = new ArrayList<>();
        try {
            for (int i = 0; i < admission.maxConcurrent(); i++) {
                busy.add(admission.admit(System.nanoTime()));
            }
            // 429, not 503: Tomcat would close the connection after a 503 (statusDropsConnection).
            postAuthorization(authorization(id, card))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(header().doesNotExist("Connection"))
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/overloaded"));
        } finally {
            busy.forEach(Admission.Slot::close);
        }

        mvc.perform(get("/api/v1/authorizations/" + id).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isNotFound());
        postAuthorization(authorization(id, card))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").isString())
                // Decided as usual once admitted (no model in this context), not by the overload mode.
                .andExpect(jsonPath("$.mode").value(org.hamcrest.Matchers.not("RULES_ONLY")));
    }

    @Test
    void readinessReflectsTheDecisionLogAndItsLagButNotTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health/readiness")
                        .with(SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN"))
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.decisionLog.status").value("UP"))
                .andExpect(jsonPath("$.components.decisionLog.details.freeBytes").isNumber())
                .andExpect(jsonPath("$.components.decisionIndexer.details.pending").isNumber())
                .andExpect(jsonPath("$.components.decisionIndexer.details.lagSeconds").isNumber())
                .andExpect(jsonPath("$.components.db").doesNotExist());
        mvc.perform(get("/actuator/health/liveness").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
    }
}
