package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.audit.RefusalAudit;
import dev.anshin.problems.ProblemType;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The API's rate limits: the door filter with tight limits over real keys (per key, per address, the
 * scoring path apart), and the server as configured against a flood of wrong keys from one address —
 * 429 instead of 401 past the limit, and a bounded number of audit entries that still count every
 * refusal.
 */
class ApiRateLimitIntegrationTest extends IntegrationTestSupport {

    private static final Pattern SUMMARY = Pattern.compile("summary: (\\d+) more");

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    RefusalAudit refusals;

    @Autowired
    JdbcClient jdbc;

    private static LimitProperties limits(String scoringPerKey, String scoringPerAddress, String otherPerKey,
            String refusalsPerAddress) {
        return new LimitProperties(RateLimit.valueOf(scoringPerKey), RateLimit.valueOf(scoringPerAddress),
                RateLimit.valueOf(otherPerKey), RateLimit.OFF, RateLimit.valueOf(refusalsPerAddress),
                RateLimit.OFF, RateLimit.OFF, 1000);
    }

    /** The API door as configured, but with the given limits. */
    private ApiKeyAuthentication door(LimitProperties limits) {
        return new ApiKeyAuthentication(clients, new ApiLimits(limits, clock),
                (request, response, e) -> response.setStatus(401),
                (response, type, detail) -> {
                    response.setStatus(type.status().value());
                    response.getWriter().write(type.name());
                }, events, refusals);
    }

    private static MockHttpServletResponse send(ApiKeyAuthentication door, String method, String path, String key,
            String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        if (key != null) {
            request.addHeader("X-Api-Key", key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        door.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(200); // let through to the application
        }
        return response;
    }

    @Test
    void aKeysBudgetForScoringIsApartFromItsBudgetForTheRest() throws Exception {
        ApiKeyAuthentication door = door(limits("3/min", "off", "2/min", "off"));
        String key = clients.register("limited-" + System.nanoTime(), EnumSet.of(Role.SCORER, Role.ANALYST));
        for (int i = 0; i < 3; i++) {
            assertThat(send(door, "GET", "/api/v1/ping", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = send(door, "POST", "/api/v1/authorizations", key, RemoteAddresses.fresh());
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).isEqualTo(ProblemType.RATE_LIMITED.name());
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 20L);

        assertThat(send(door, "GET", "/api/v1/rules", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/rules", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/rules", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(429);
        assertThat(send(door, "GET", "/api/v1/ping", key(Role.ANALYST), RemoteAddresses.fresh()).getStatus())
                .as("another key has its own budget").isEqualTo(200);
    }

    @Test
    void wrongKeysNamingARealKeysIdDoNotUseUpItsBudget() throws Exception {
        ApiKeyAuthentication door = door(limits("3/min", "off", "off", "2/min"));
        String key = clients.register("target-" + System.nanoTime(), EnumSet.of(Role.SCORER));
        String guessed = key.substring(0, 12) + "y".repeat(key.length() - 12);
        String attacker = "203.0.113.66";
        assertThat(send(door, "GET", "/api/v1/ping", guessed, attacker).getStatus()).isEqualTo(401);
        assertThat(send(door, "GET", "/api/v1/ping", guessed, attacker).getStatus()).isEqualTo(401);
        for (int i = 0; i < 20; i++) {
            assertThat(send(door, "GET", "/api/v1/ping", guessed, attacker).getStatus()).isEqualTo(429);
        }
        assertThat(send(door, "GET", "/api/v1/ping", key, attacker).getStatus())
                .as("a valid key is let through even from an address over its limit of wrong keys").isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/ping", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/ping", key, RemoteAddresses.fresh()).getStatus())
                .as("the key's whole budget of 3 was left for it").isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/ping", key, RemoteAddresses.fresh()).getStatus()).isEqualTo(429);
    }

    @Test
    void anAddressHasItsOwnBudgetWhateverKeysItUses() throws Exception {
        ApiKeyAuthentication door = door(limits("off", "2/min", "off", "off"));
        String address = "203.0.113.99";
        assertThat(send(door, "GET", "/api/v1/ping", key(Role.SCORER), address).getStatus()).isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/ping", key(Role.ANALYST), address).getStatus()).isEqualTo(200);
        assertThat(send(door, "GET", "/api/v1/ping", key(Role.ADMIN), address).getStatus()).isEqualTo(429);
        assertThat(send(door, "GET", "/api/v1/ping", null, address).getStatus())
                .as("without a key too").isEqualTo(429);
        assertThat(send(door, "GET", "/api/v1/ping", key(Role.ADMIN), "203.0.113.98").getStatus()).isEqualTo(200);
    }

    /**
     * The flood, as configured: wrong keys from one address get 401 up to the limit of
     * refused keys (20 at once), then 429; the audit log gets one entry for the first 401 and one for
     * the first 429, and one summary each when the window closes, which count every refusal. The
     * application's clock stands still meanwhile, so no token comes back (10 a second) and the
     * counts are exact.
     */
    @Test
    void aFloodOfWrongKeysFromOneAddressGets429AndFewAuditEntriesThatCountEveryRefusal() throws Exception {
        String address = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        refusals.flush();
        long before = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_log").query(Long.class).single();
        int flood = 300;
        int unauthorized = 0;
        int limited = 0;
        clock.stop();
        try {
            for (int i = 0; i < flood; i++) {
                int answer = mvc.perform(get("/api/v1/ping").header("X-Api-Key", "ank_wrongKey" + "z".repeat(24))
                        .with(RemoteAddresses.from(address))).andReturn().getResponse().getStatus();
                unauthorized += answer == 401 ? 1 : 0;
                limited += answer == 429 ? 1 : 0;
            }
            assertThat(unauthorized).isEqualTo(20);
            assertThat(limited).isEqualTo(flood - 20);
            mvc.perform(get("/api/v1/ping").header("X-Api-Key", "ank_wrongKey" + "z".repeat(24))
                            .with(RemoteAddresses.from(address)))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/rate-limited"));
        } finally {
            clock.start();
        }
        refusals.flush();

        var details = jdbc.sql("SELECT detail FROM audit_log WHERE seq > ? AND origin = ?").params(before, address)
                .query(String.class).list();
        // One window: 2 entries at once, 2 summaries; a timer flush in between adds at most 4 more.
        assertThat(details).hasSizeBetween(4, 8);
        long counted = details.stream().mapToLong(detail -> {
            Matcher m = SUMMARY.matcher(detail);
            return m.find() ? Long.parseLong(m.group(1)) : 1;
        }).sum();
        assertThat(counted).isEqualTo(flood + 1);
    }
}
