package dev.anshin.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.HostileForms;
import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.problems.RequestProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Fuzzing card registration and the vault's read-back of a card number (QuickTheories,
 * {@link HostileJson}): whatever the body or the token in the path, no 5xx; a refused registration
 * registers no card and links none to the customer, a refused read-back reads (and audits) no number.
 */
class CardInputFuzzIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void cardRegistrations() throws Exception {
        String customer = newCustomer();
        String key = key(Role.CUSTOMER_SERVICE);
        HostileJson.assertAnsweredCleanly(mvc, 60,
                () -> new LinkedHashMap<>(Map.of("pan", newPan(), "customerId", customer)),
                body -> post("/api/v1/cards").header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                body -> registered((String) body.get("pan")) + cards.ofCustomer(customer).size());
    }

    @Test
    void cardNumberReadBacks() throws Exception {
        String pan = newPan();
        String token = cards.register(pan).token();
        String key = key(Role.CARD_DATA);
        HostileJson.assertAnsweredCleanly(mvc, 40, () -> new LinkedHashMap<>(Map.of("reference", "CB-2026-17")),
                body -> post("/api/v1/cards/" + token + "/pan").header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body),
                body -> readBacks(pan));
    }

    @Test
    void cardNumberReadBacksOfHostileTokens() {
        String key = key(Role.CARD_DATA);
        Gen<String> token = Generate.oneOf(Generate.pick(HostileForms.HOSTILE),
                strings().allPossible().ofLengthBetween(1, 24));
        qt().withExamples(40).withShrinkCycles(20).forAll(token).checkAssert(hostile -> {
            MockHttpServletResponse response;
            try {
                response = mvc.perform(post("/api/v1/cards/{token}/pan", hostile).header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse();
            } catch (Exception e) {
                throw new AssertionError("the request failed: " + e, e);
            }
            assertThat(response.getStatus()).as("status for %s", hostile).isBetween(400, 499);
            if (response.getContentType() == null) {
                // Refused by the firewall before any controller ({@code //}, {@code %00}…): a bare 400
                // from MockMvc, which does not dispatch to the error page (the real server: MalformedUrlIntegrationTest).
                assertThat(response.getStatus()).as("firewall refusal for %s", hostile).isEqualTo(400);
                assertThat(response.getContentAsByteArray()).isEmpty();
            } else {
                assertThat(response.getContentType()).as("content type for %s", hostile)
                        .startsWith("application/problem+json");
            }
        });
    }

    /** Successful read-backs of the card's number: each is audited, its resource the masked number. */
    private long readBacks(String pan) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'card.detokenize' AND outcome = 'SUCCESS' "
                        + "AND resource = ?")
                .param("card/" + pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4))
                .query(Long.class).single();
    }

    private long registered(String pan) {
        try {
            cards.resolve(null, pan, "card");
            return 1;
        } catch (RequestProblem unknown) {
            return 0;
        }
    }
}
