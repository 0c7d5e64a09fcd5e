package dev.anshin.disputes;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileForms;
import dev.anshin.HostileJson;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fuzzing the disputes API (QuickTheories, {@link HostileJson}): reports taken by customer service
 * and analysts' actions with their notes; and the staff console's forms ({@link HostileForms}): a
 * move on a case and the blocking of a point of compromise's exposed cards. Whatever the body or
 * form, no 5xx, and a refused one stores no report, no case event and blocks no card.
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
        String id = referredCase("fuzz-action");
        Dispute referred = awaitOutcome(id);
        String key = key(Role.ANALYST);
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("action", "ASK_CARDHOLDER",
                        "note", "Do you have the card with you?", "version", referred.version())),
                body -> post("/api/v1/disputes/" + id + "/actions").header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body),
                body -> jdbc.sql("SELECT COUNT(*) FROM dispute_events WHERE dispute_id = ?").param(id)
                        .query(Long.class).single());
    }

    @Test
    void consoleMovesOnACase() throws Exception {
        String id = referredCase("fuzz-console");
        Dispute referred = awaitOutcome(id);
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("action", "ASK_CARDHOLDER");
        valid.put("note", "Do you have the card with you?");
        valid.put("version", String.valueOf(referred.version()));
        HostileForms.assertAnsweredCleanly(mvc, 40, "/console/disputes/" + id + "/actions", valid,
                () -> jdbc.sql("SELECT COUNT(*) FROM dispute_events WHERE dispute_id = ?").param(id)
                        .query(Long.class).single(),
                user("fuzz-analyst").roles("ANALYST"));
    }

    @Test
    void consoleBlocksOfAPointOfCompromise() {
        String analyst = "fuzz-blocker-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("kind", "TERMINAL");
        valid.put("id", "t-fuzz-" + UUID.randomUUID());
        valid.put("count", "0");
        valid.put("confirm", "yes");
        HostileForms.assertAnsweredCleanly(mvc, 40, "/console/compromised-points/block", valid,
                () -> jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'card.block' "
                        + "AND outcome = 'SUCCESS'")
                        .param(analyst).query(Long.class).single(),
                user(analyst).roles("ANALYST"));
    }

    /** A charge reported by customer service and referred to an analyst: the case id. */
    private String referredCase(String tag) throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String charge = score(card, tag, Instant.now().minus(Duration.ofHours(2)), body -> { });
        return json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes",
                        reportBody(customer, List.of(charge), "YES", "NO", "NO", "NO"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("disputes").get(0).get("id").asText();
    }
}
