package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for every integration test (same configuration, so it is cached). Runs on H2
 * by default and on PostgreSQL with {@code -Dspring.profiles.active=postgres} (database anshin_test);
 * every test uses fresh ids, so a database kept between runs does no harm. The application's clock
 * is a {@link MovableClock}; a test that stops it starts it again before it ends.
 */
@SpringBootTest(properties = {
        "anshin.data-dir=./target/test-data",
        "anshin.postgres.database=anshin_test",
        "spring.datasource.hikari.maximum-pool-size=16",
        "anshin.fraud.training-rounds=20"})
@AutoConfigureMockMvc
@Import(MovableClock.class)
public abstract class IntegrationTestSupport {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected ApiClients clients;

    @Autowired
    protected Cards cards;

    /** The application's clock: moved forward instead of sleeping, stopped while a test counts refills. */
    @Autowired
    protected MovableClock clock;

    private final Map<Role, String> keys = new EnumMap<>(Role.class);

    /** A fresh API key with exactly one role. */
    protected synchronized String key(Role role) {
        return keys.computeIfAbsent(role, r -> clients.register("test-" + r.name().toLowerCase(), EnumSet.of(r)));
    }

    /** An administrator signed in as {@code name}, for MockMvc. */
    protected static RequestPostProcessor admin(String name) {
        return SecurityMockMvcRequestPostProcessors.user(name).roles(Role.ADMIN.name());
    }

    /** The page {@code request} shows {@code who}: answered 200 OK with HTML, which it returns. */
    protected String page(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/html");
        return response.getContentAsString();
    }

    protected static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A random, Luhn-valid test PAN on a test BIN. */
    public static String newPan() {
        StringBuilder digits = new StringBuilder("499999");
        for (int i = 0; i < 9; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(dev.anshin.problems.Luhn.checkDigit(digits.toString())).toString();
    }

    protected Card newCard() {
        return cards.register(newPan());
    }

    /** A new customer, created by customer service, with a made-up name and e-mail. */
    protected String newCustomer() throws Exception {
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of(
                        "customerNumber", "T-" + UUID.randomUUID().toString().substring(0, 8),
                        "values", Map.of("NAME_KANJI", "券面太郎", "EMAIL", "card@example.jp")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("customerId").asText();
    }

    /** A valid authorization body; tests change single fields to make it invalid. */
    public static Map<String, Object> authorization(String id, String cardToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorizationId", id);
        body.put("card", new LinkedHashMap<>(Map.of("token", cardToken)));
        body.put("amount", new LinkedHashMap<>(Map.of("minor", 1250, "currency", "USD")));
        body.put("merchantId", "m-" + id.hashCode());
        body.put("mcc", "5411");
        body.put("terminalId", "t-" + id.hashCode());
        body.put("merchantCountry", "JP");
        body.put("posEntryMode", "05");
        body.put("cardPresent", true);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return body;
    }

    /** Posts an authorization; a refusal for overload, answered asynchronously at its deadline, is awaited. */
    protected ResultActions postAuthorization(Object body) throws Exception {
        ResultActions sent = mvc.perform(post("/api/v1/authorizations")
                .header("X-Api-Key", key(Role.SCORER))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String text ? text : json.writeValueAsString(body)));
        MvcResult result = sent.andReturn();
        if (!result.getRequest().isAsyncStarted()) {
            return sent;
        }
        result.getAsyncResult(30_000);
        return mvc.perform(asyncDispatch(result));
    }

    private String secondOfficerKey;

    /** Another privacy officer's key (another client): approves a provision the first asked for (four-eyes). */
    protected synchronized String secondOfficerKey() {
        if (secondOfficerKey == null) {
            secondOfficerKey = clients.register("test-second-officer-" + UUID.randomUUID().toString().substring(0, 8),
                    EnumSet.of(Role.PRIVACY_OFFICER));
        }
        return secondOfficerKey;
    }

    /** A second privacy officer signed in as a staff user (a named person): only such a one approves. */
    protected static RequestPostProcessor secondOfficer() {
        return SecurityMockMvcRequestPostProcessors.user("second-officer").roles(Role.PRIVACY_OFFICER.name());
    }

    /**
     * A provision as it is made: asked for with the PRIVACY_OFFICER key (202, pending), then approved by a
     * second officer signed in to the console as a staff user (the page, as no API key approves); answers the
     * provision made, read over the API (200).
     */
    protected ResultActions provideApproved(Object body) throws Exception {
        String pending = postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", body)
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(pending).get("id").asString();
        mvc.perform(post("/privacy/provisions/" + id + "/approval").with(secondOfficer())
                        .with(SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        String approved = mvc.perform(get("/api/v1/privacy/provision-requests/" + id)
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return mvc.perform(get("/api/v1/privacy/provisions/" + json.readTree(approved).get("provisionId").asString())
                .header("X-Api-Key", key(Role.PRIVACY_OFFICER)));
    }

    protected ResultActions postAs(Role role, String path, Object body) throws Exception {
        return mvc.perform(post(path)
                .header("X-Api-Key", key(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String text ? text : json.writeValueAsString(body)));
    }
}
