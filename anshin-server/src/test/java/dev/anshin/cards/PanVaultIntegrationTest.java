package dev.anshin.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The full card number is kept only encrypted and read back only by CARD_DATA, audited. */
class PanVaultIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theVaultKeepsThePanEncryptedAndOnlyCardDataReadsItBackAudited() throws Exception {
        String pan = newPan();
        String body = postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", pan)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String token = json.readTree(body).get("token").asText();
        assertThat(body).doesNotContain(pan);

        String stored = jdbc.sql("SELECT ciphertext FROM pan_vault WHERE token = ?").param(token)
                .query(String.class).single();
        assertThat(stored).doesNotContain(pan).doesNotContain(pan.substring(6, 12));

        postAs(Role.ADMIN, "/api/v1/cards/" + token + "/pan", Map.of()).andExpect(status().isForbidden());
        postAs(Role.ANALYST, "/api/v1/cards/" + token + "/pan", Map.of()).andExpect(status().isForbidden());
        postAs(Role.CARD_DATA, "/api/v1/cards/" + token + "/pan", Map.of("reference", "CB-2026-17"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.pan").value(pan));
        postAs(Role.CARD_DATA, "/api/v1/cards/" + token + "/pan", Map.of("reference", "not a reference!"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reference"));
        postAs(Role.CARD_DATA, "/api/v1/cards/tok_unknown/pan", Map.of()).andExpect(status().isNotFound());

        List<Map<String, Object>> entries = jdbc.sql(
                        "SELECT action, outcome, resource, detail FROM audit_log WHERE action = 'card.detokenize' "
                                + "AND resource = ? ORDER BY seq")
                .param("card/" + pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4))
                .query().listOfRows();
        assertThat(entries).extracting(row -> row.get("outcome") + " " + row.get("detail"))
                .containsExactly("SUCCESS reference CB-2026-17");
        assertThat(entries.toString()).doesNotContain(pan);
    }

    @Test
    void aCardBelongsToOneCustomerAndTheirErasureDestroysItsNumber() throws Exception {
        String customer = newCustomer();
        String other = newCustomer();
        String pan = newPan();
        String token = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", pan, "customerId", customer))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.customerId").value(customer))
                .andReturn().getResponse().getContentAsString()).get("token").asText();
        // Retried: the same card; registered to someone else: a conflict naming the field, nothing changed.
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", pan, "customerId", customer))
                .andExpect(jsonPath("$.token").value(token));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", pan, "customerId", other))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("customerId"));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", newPan(), "customerId", "4f1c2b9e-0000-4000-8000-000000000000"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("customerId"));
        // A card registered alone is linked by a later registration naming its customer.
        String loose = newPan();
        postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", loose)).andExpect(jsonPath("$.customerId").isEmpty());
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", loose, "customerId", customer))
                .andExpect(jsonPath("$.customerId").value(customer));
        assertThat(cards.ofCustomer(customer)).hasSize(2).allMatch(card -> !card.blocked());

        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-PAN-1")).andExpect(status().isOk());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM pan_vault p JOIN cards c ON c.token = p.token WHERE c.customer_id = ?")
                .param(customer).query(Long.class).single()).isZero();
        assertThat(cards.ofCustomer(customer)).hasSize(2).allMatch(Card::blocked);
        assertThat(cards.find(token)).get().matches(Card::blocked, "blocked in the cache too");
        postAs(Role.CARD_DATA, "/api/v1/cards/" + token + "/pan", Map.of()).andExpect(status().isNotFound());
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", newPan(), "customerId", customer))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void anAdministratorRegistersCardsButMayNotLinkThemToCustomers() throws Exception {
        String customer = newCustomer();
        String pan = newPan();
        postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", pan, "customerId", customer))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/forbidden"))
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        assertThat(cards.ofCustomer(customer)).isEmpty();
        assertThatThrownBy(() -> cards.resolve(null, pan, "card")).isInstanceOf(RequestProblem.class)
                .extracting(e -> ((RequestProblem) e).type()).isEqualTo(ProblemType.UNKNOWN_CARD);
        // A card registered without its customer, then linked by customer service.
        postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", pan)).andExpect(status().isCreated());
        postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", pan, "customerId", customer)).andExpect(status().isForbidden());
        assertThat(cards.ofCustomer(customer)).isEmpty();
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/cards", Map.of("pan", pan, "customerId", customer))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.customerId").value(customer));
        postAs(Role.ANALYST, "/api/v1/cards", Map.of("pan", newPan())).andExpect(status().isForbidden());
    }
}
