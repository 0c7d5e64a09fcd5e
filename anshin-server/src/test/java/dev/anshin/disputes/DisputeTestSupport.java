package dev.anshin.disputes;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;

/** Scoring a card's transactions, reporting them and waiting for the investigation, for dispute tests. */
abstract class DisputeTestSupport extends IntegrationTestSupport {

    @Autowired
    protected Disputes disputes;

    /**
     * Scores an authorization of the card at {@code at}, at a merchant and terminal of its own named
     * by {@code tag}, with {@code change} applied to the body; returns its id.
     */
    protected String score(Card card, String tag, Instant at, Consumer<Map<String, Object>> change) throws Exception {
        String id = newId(tag);
        Map<String, Object> body = authorization(id, card.token());
        body.put("merchantId", "m-" + tag + "-" + card.last4());
        body.put("terminalId", "t-" + tag + "-" + card.last4());
        body.put("timestamp", at.toString());
        change.accept(body);
        postAuthorization(body).andExpect(status().isOk());
        return id;
    }

    /** A report's body, certified, with the four answers. */
    protected static Map<String, Object> reportBody(String customer, List<String> ids, String cardInHand,
            String family, String subscription, String recognizes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer);
        body.put("authorizationIds", ids);
        body.put("cardInHand", cardInHand);
        body.put("familyCouldExplain", family);
        body.put("subscriptionCouldExplain", subscription);
        body.put("recognizesMerchant", recognizes);
        body.put("certified", true);
        return body;
    }

    /** The case once the investigation has moved it on and its effects are done (20 s at most). */
    protected Dispute awaitOutcome(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Dispute d = disputes.find(id).orElseThrow();
            if (d.status() != DisputeStatus.INTAKE && d.status() != DisputeStatus.INVESTIGATING && !d.effectsPending()) {
                return d;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("case " + id + " was not decided: " + disputes.find(id).orElseThrow().status());
    }
}
