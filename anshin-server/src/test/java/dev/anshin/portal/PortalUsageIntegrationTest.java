package dev.anshin.portal;

import static dev.anshin.IntegrationTestSupport.newPan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's card usage page and its live stream: a cardholder sees their own cards'
 * authorizations, the merchant as the brand they know, and new ones arrive on the stream; another
 * cardholder's never do, on the page or the stream. Both need the portal sign-in.
 */
class PortalUsageIntegrationTest extends PortalTestSupport {

    @Autowired
    Cards cards;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    private String scorerKey;

    @Test
    void theStreamAndThePageCarryOnlyTheSignedInCardholdersOwnAuthorizations() throws Exception {
        Enrolled a = enrolled("usage-a");
        Enrolled b = enrolled("usage-b");
        String panA = newPan();
        Card cardA = cards.register(panA, a.customerId());
        Card cardB = cards.register(newPan(), b.customerId());
        MockHttpSession session = signedIn(a);

        MvcResult stream = mvc.perform(get("/portal/usage/stream").session(session)
                        .accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted())
                .andReturn();
        String idB = "usage-b-" + uuid();
        String idA = "usage-a-" + uuid();
        score(idB, cardB, "AMAZON PRIME*BB12CD");
        score(idA, cardA, "AMAZON PRIME*AA12CD");

        await(() -> content(stream).contains(idA));
        String events = content(stream);
        assertThat(events).contains("event:usage", "id:" + idA, "Amazon プライム", "AMAZON PRIME*AA12CD",
                "****" + panA.substring(12), "USD 12.50");
        assertThat(events).doesNotContain(idB, panA);

        String page = mvc.perform(get("/portal/usage").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String row = row(page, "data-authorization-id", idA);
        assertThat(row).contains("Amazon プライム", "AMAZON PRIME*AA12CD", "****" + panA.substring(12),
                "data-slot=\"action\"");
        assertThat(page).doesNotContain(idB, panA).contains("id=\"live\"");

        String english = mvc.perform(get("/portal/usage").param("lang", "en").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Your card use", "Merchant");
        assertThat(row(english, "data-authorization-id", idA)).contains("Amazon Prime");
    }

    /**
     * The sixth stream of a customer closes the first; a closed stream ends with an async dispatch
     * through the portal's chain, which must let it finish even when the session is gone by then
     * (signed out meanwhile), not send it to the sign-in page.
     */
    @Test
    void aCustomerHasAtMostFiveStreamsAndAClosedOneEndsCleanlyAfterSignOut() throws Exception {
        MockHttpSession session = signedIn(enrolled("usage-c"));
        java.util.List<MvcResult> streams = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            streams.add(mvc.perform(get("/portal/usage/stream").session(session).accept(MediaType.TEXT_EVENT_STREAM))
                    .andExpect(request().asyncStarted()).andReturn());
        }
        mvc.perform(post("/portal/logout").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.csrf()).session(session));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(streams.get(0)))
                .andExpect(status().isOk());
        assertThat(content(streams.get(0))).startsWith(":connected");
    }

    @Test
    void thePageAndTheStreamNeedThePortalSignIn() throws Exception {
        mvc.perform(get("/portal/usage")).andExpect(redirectedUrl("/portal/login"));
        mvc.perform(get("/portal/usage/stream").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(redirectedUrl("/portal/login"));
    }

    private static String content(MvcResult result) {
        // Event streams are UTF-8 (the browser's EventSource reads nothing else).
        return new String(result.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void score(String id, Card card, String merchantName) throws Exception {
        if (scorerKey == null) {
            scorerKey = clients.register("portal-usage-test", EnumSet.of(Role.SCORER));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorizationId", id);
        body.put("card", Map.of("token", card.token()));
        body.put("amount", Map.of("minor", 1250, "currency", "USD"));
        body.put("merchantId", "m-" + id.hashCode());
        body.put("merchantName", merchantName);
        body.put("mcc", "5815");
        body.put("terminalId", "t-" + id.hashCode());
        body.put("merchantCountry", "US");
        body.put("posEntryMode", "81");
        body.put("cardPresent", false);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        mvc.perform(post("/api/v1/authorizations").header("X-Api-Key", scorerKey)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andExpect(status().isOk());
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

}
