package dev.anshin.disputes;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileJson;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fuzzing the disputes API (QuickTheories, {@link HostileJson}): reports taken by customer service
 * and analysts' actions with their notes. Whatever the body, no 5xx, and a refused one stores no
 * report and no case event.
 */
class DisputeInputFuzzIntegrationTest extends DisputeTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void reports() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String charge = score(card, "fuzz-report", Instant.now().minus(Duration.ofHours(2)), body -> { });
        String key = key(Role.CUSTOMER_SERVICE);
        HostileJson.assertAnsweredCleanly(mvc, 60,
                () -> reportBody(customer, List.of(charge), "YES", "NO", "NO", "NO"),
                body -> post("/api/v1/disputes").header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                body -> jdbc.sql("SELECT COUNT(*) FROM dispute_reports WHERE customer_id = ?").param(customer)
                        .query(Long.class).single());
    }

    @Test
    void analystsActionsAndNotes() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String charge = score(card, "fuzz-action", Instant.now().minus(Duration.ofHours(2)), body -> { });
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes",
                        reportBody(customer, List.of(charge), "YES", "NO", "NO", "NO"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("disputes").get(0).get("id").asText();
        Dispute referred = awaitOutcome(id);
        String key = key(Role.ANALYST);
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("action", "ASK_CARDHOLDER",
                        "note", "Do you have the card with you?", "version", referred.version())),
                body -> post("/api/v1/disputes/" + id + "/actions").header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body),
                body -> jdbc.sql("SELECT COUNT(*) FROM dispute_events WHERE dispute_id = ?").param(id)
                        .query(Long.class).single());
    }
}
