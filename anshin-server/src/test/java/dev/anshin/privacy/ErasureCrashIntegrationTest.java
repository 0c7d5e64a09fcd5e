package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An erasure that fails in its last step (after the customer's key, values and index are deleted,
 * the tombstone written and the cards' numbers deleted, all in one transaction) leaves everything
 * as it was: every value still reads with the customer's key, the card number is still in the vault,
 * no tombstone. The failure is audited, and the erasure retried then succeeds. A process crash at
 * that point is the same rollback, done by the database at restart.
 */
class ErasureCrashIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ApplicationEventMulticaster multicaster;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anErasureInterruptedAtItsLastStepLosesNothingAndCanBeRetried() throws Exception {
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of(
                        "customerNumber", "EC-" + UUID.randomUUID().toString().substring(0, 8),
                        "values", Map.of("NAME_KANJI", "消去中断", "EMAIL", "interrupted@example.jp")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String customer = json.readTree(body).get("customerId").asText();
        String pan = newPan();
        Card card = cards.register(pan, customer);

        String id = UUID.randomUUID().toString();
        AtomicLong vaultRowsAtCrash = new AtomicLong(-1);
        // Registered after the cards module's listener, so it runs when the card's number is already
        // deleted inside the transaction (checked below).
        ApplicationListener<ApplicationEvent> crash = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof CustomerErased erased && erased.customerId().equals(customer)) {
                vaultRowsAtCrash.set(jdbc.sql("SELECT COUNT(*) FROM pan_vault WHERE token = ?").param(card.token())
                        .query(Long.class).single());
                throw new IllegalStateException("simulated crash " + id);
            }
        };
        multicaster.addApplicationListener(crash);
        try {
            postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer + "/erasure",
                    Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-CRASH")).andExpect(status().is5xxServerError());
        } finally {
            multicaster.removeApplicationListener(crash);
        }

        assertThat(vaultRowsAtCrash).as("the card's number was deleted before the crash").hasValue(0);
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .param("purpose", "SERVICE_OPERATION").param("fields", "NAME_KANJI,EMAIL"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.NAME_KANJI").value("消去中断"))
                .andExpect(jsonPath("$.values.EMAIL").value("interrupted@example.jp"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_tombstones WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isZero();
        assertThat(cards.find(card.token())).get().matches(c -> !c.blocked(), "still active");
        postAs(Role.CARD_DATA, "/api/v1/cards/" + card.token() + "/pan", Map.of())
                .andExpect(status().isOk()).andExpect(jsonPath("$.pan").value(pan));
        assertThat(jdbc.sql("SELECT outcome FROM audit_log WHERE action = 'personal-data.erase' AND resource = ? "
                        + "ORDER BY seq").param("customer/" + customer).query(String.class).list())
                .containsExactly("FAILURE");

        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-CRASH")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .param("purpose", "SERVICE_OPERATION").param("fields", "EMAIL"))
                .andExpect(status().isGone());
        assertThat(cards.find(card.token())).get().matches(Card::blocked, "blocked with the erasure");
    }
}
