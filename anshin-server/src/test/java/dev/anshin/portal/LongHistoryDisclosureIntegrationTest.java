package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A purchase history longer than any cap the page has: the page lists the newest and says how many are
 * held; the JSON and CSV downloads (the person's own, and a request's sealed disclosure for the officer in
 * the console and over the API) give every transaction, read a page at a time while they are written.
 */
class LongHistoryDisclosureIntegrationTest extends PortalTestSupport {

    /** More than the 10,000 a disclosure used to stop at. */
    private static final int HELD = 10_050;

    @Autowired
    Cards cards;

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationContext context;

    @Autowired
    dev.anshin.privacy.DisclosureFormats formats;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    /** {@code count} approved purchases on a new card of the customer, one a minute back from a past day. */
    private Set<String> purchases(String customerId, int count, Instant newest) {
        String token = cards.register(dev.anshin.IntegrationTestSupport.newPan(), customerId).token();
        String prefix = "long-" + uuid().substring(0, 8) + "-";
        Set<String> ids = new HashSet<>();
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Timestamp at = Timestamp.from(newest.minusSeconds(60L * i));
            String id = prefix + i;
            ids.add(id);
            batch.add(new Object[] {id, id, token, 100 + i % 5000, "M" + i % 50, at, at});
            if (batch.size() == 2_000 || i == count - 1) {
                jdbcTemplate.batchUpdate("""
                        INSERT INTO authorizations (authorization_id, request_fingerprint, card_token, amount_minor,
                          currency, merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present,
                          occurred_at, decision, score, reasons, model_version, rule_set_version, shadow_scores,
                          latency_micros, processing_micros, decided_at)
                        VALUES (?, ?, ?, ?, 'JPY', ?, '5411', 'T-LONG', 'JP', 'CHIP', TRUE, ?, 'APPROVE', 0.01, '[]',
                          'long', 1, '{}', 0, 0, ?)""", batch);
                batch.clear();
            }
        }
        return ids;
    }

    private MockHttpSession signIn(Enrolled cardholder) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/login").with(csrf()).session(session).param("loginId", cardholder.loginId())
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login/code"));
        mvc.perform(post("/portal/login/code").with(csrf()).session(session)
                        .param("code", totp.code(cardholder.secret(), Totp.step(clock.instant()))))
                .andExpect(redirectedUrl("/portal/usage"));
        return session;
    }

    private static Set<String> purchaseIds(JsonNode document) {
        Set<String> ids = new HashSet<>();
        for (JsonNode held : document.path("held")) {
            if ("PURCHASES".equals(held.path("entry").asString())) {
                held.path("items").forEach(item -> ids.add(item.path("authorizationId").asString()));
                assertThat(held.path("items").size()).as("no item twice").isEqualTo(ids.size());
            }
        }
        return ids;
    }

    /** The CSV's purchase rows' ids; every row as wide as the header. */
    private static Set<String> purchaseIds(String csv) {
        String[] lines = csv.split("\r\n");
        int width = cells(lines[0]).size();
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("held,PURCHASES,")) {
                List<String> cells = cells(line);
                assertThat(cells.get(2)).isEqualTo("authorizationId");
                assertThat(ids.add(cells.get(3))).as("no row twice").isTrue();
                assertThat(cells).as("as wide as the header").hasSize(width);
            }
        }
        return ids;
    }

    /** One CSV line's cells (RFC 4180 quoting; no line breaks inside these). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void thePageListsTheNewestAndSaysHowManyWhileTheDownloadsGiveEveryTransaction() throws Exception {
        Enrolled hanako = enrolled("long");
        Set<String> held = purchases(hanako.customerId(), HELD, Instant.parse("2025-06-30T03:00:00Z"));
        MockHttpSession session = signIn(hanako);

        String page = mvc.perform(get("/portal/my-data").session(session).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains((HELD - 1000) + " more transactions are held (the newest 1000 are listed here); "
                + "the JSON and CSV downloads hold every one");

        JsonNode document = json.readTree(mvc.perform(get("/portal/my-data.json").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(purchaseIds(document)).isEqualTo(held);
        String csv = mvc.perform(get("/portal/my-data.csv").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(purchaseIds(csv)).isEqualTo(held);
        assertThat(csv).doesNotContain("notListed");
    }

    @Test
    void theOfficerDownloadsEveryTransactionOfARequestsSealedDisclosureInTheConsoleAndOverTheApi() throws Exception {
        Enrolled hanako = enrolled("long-sealed");
        Set<String> held = purchases(hanako.customerId(), HELD, Instant.parse("2025-05-31T03:00:00Z"));
        DataSubjectRequest request = requests.submit(Actor.cardholder(hanako.customerId(), "portal"),
                hanako.customerId(), RequestKind.DISCLOSURE, RequestDetails.none(), ConsentChannel.PORTAL,
                "long-" + uuid());
        requests.complete(OFFICER, request.id());
        String base = "/privacy/requests/" + request.id();
        String officer = "officer-" + uuid().substring(0, 8);

        JsonNode console = json.readTree(mvc.perform(get(base + "/disclosure.json")
                        .with(user(officer).roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(purchaseIds(console)).isEqualTo(held);
        String csv = mvc.perform(get(base + "/disclosure.csv").with(user(officer).roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(purchaseIds(csv)).isEqualTo(held);

        String key = clients.register("long-officer-" + uuid().substring(0, 8), EnumSet.of(Role.PRIVACY_OFFICER));
        JsonNode api = json.readTree(mvc.perform(get("/api/v1/privacy/requests/" + request.id() + "/disclosure.json")
                        .header("X-Api-Key", key))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(purchaseIds(api)).isEqualTo(held);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'dsr.disclosure.read' AND resource = ? "
                        + "AND outcome = 'SUCCESS'").param("customer/" + hanako.customerId()).query(String.class).list())
                .contains("request=" + request.id() + " form=JSON", "request=" + request.id() + " form=CSV");
    }

    @Test
    void theStreamedJsonIsTheDocumentAsTheMapperWritesItWhenNothingIsLeftOut() throws Exception {
        Enrolled hanako = enrolled("long-same");
        purchases(hanako.customerId(), 30, Instant.parse("2025-03-31T03:00:00Z"));
        var disclosure = personalData.discloseToSubject(Actor.cardholder(hanako.customerId(), "test"),
                hanako.customerId(), dev.anshin.privacy.DisclosureFormat.JSON);
        for (java.util.Locale locale : List.of(java.util.Locale.JAPANESE, java.util.Locale.ENGLISH)) {
            JsonNode streamed = json.readTree(formats.json(disclosure, locale));
            assertThat(streamed).isEqualTo(json.valueToTree(formats.document(disclosure, locale)));
            assertThat(purchaseIds(streamed)).hasSize(30);
        }
    }

    @Test
    void theStreamGivesWhatWasHeldAtTheDisclosuresTimeAndReadsAPageAtATime() {
        Enrolled hanako = enrolled("long-stream");
        Instant newest = Instant.parse("2025-04-30T03:00:00Z");
        purchases(hanako.customerId(), 2_500, newest);
        HeldElsewhere payments = context.getBeansOfType(HeldElsewhere.class).values().stream()
                .filter(holder -> !holder.longEntries().isEmpty()).findFirst().orElseThrow();
        assertThat(payments.longEntries()).extracting(HeldElsewhere.LongEntry::name).containsExactly("PURCHASES");

        // Held at a time: the purchases of that minute and before (one a minute).
        List<Instant> times = new ArrayList<>();
        long given = payments.stream(hanako.customerId(), "PURCHASES", newest.minusSeconds(60L * 100),
                item -> times.add(Instant.parse(item.values().get("time"))));
        assertThat(given).isEqualTo(2_400).isEqualTo(times.size());
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // Items are handed over as they are read, never gathered first: what is taken away after the first
        // one is handed over is no longer read, so at most the first page of 1000 comes.
        AtomicLong seen = new AtomicLong();
        long read = payments.stream(hanako.customerId(), "PURCHASES", Instant.now(), item -> {
            if (seen.getAndIncrement() == 0) {
                jdbc.sql("DELETE FROM authorizations WHERE card_token IN (SELECT card_token FROM authorizations "
                        + "WHERE authorization_id = ?)").param(item.values().get("authorizationId")).update();
            }
        });
        assertThat(read).isEqualTo(seen.get()).isEqualTo(1_000);
    }
}
