package dev.anshin.cards;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.problems.RequestProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Fuzzing card registration (QuickTheories, {@link HostileJson}): whatever the body, no 5xx, and a
 * refused one registers no card and links none to the customer.
 */
class CardInputFuzzIntegrationTest extends IntegrationTestSupport {

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

    private long registered(String pan) {
        try {
            cards.resolve(null, pan, "card");
            return 1;
        } catch (RequestProblem unknown) {
            return 0;
        }
    }
}
