package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import java.util.EnumSet;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Staff sign-in is throttled per address and per name typed, with the defaults (30 failures a
 * minute per address, 10 per name): unknown names exactly like known ones, and successful sign-ins
 * never count. Tokens come back with time (one every 2 s per address, every 6 s per name), so the
 * tests stop the application's clock while they count: where a refusal begins is then exact.
 */
class SignInLimitsIntegrationTest extends IntegrationTestSupport {

    private static final String PASSWORD = "a-long-staff-password";

    @Autowired
    StaffUsers users;

    @Autowired
    JdbcClient jdbc;

    private ResultActions signIn(String name, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", name).param("password", password).with(csrf())
                .with(RemoteAddresses.from(address)));
    }

    /** The attempt at which a name is first refused by the throttle, each attempt from a new address. */
    private int firstLimitedAttempt(String name) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            String target = signIn(name, "wrong password " + attempt, RemoteAddresses.fresh()).andReturn().getResponse()
                    .getRedirectedUrl();
            if ("/login?limited".equals(target)) {
                return attempt;
            }
            assertThat(target).isEqualTo("/login?error");
        }
        return -1;
    }

    @Test
    void anUnknownNameIsSlowedDownExactlyLikeAKnownOne() throws Exception {
        String known = "known-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(known, PASSWORD, EnumSet.of(Role.ANALYST));
        String unknown = "ghost-" + UUID.randomUUID().toString().substring(0, 8);

        clock.stop();
        try {
            assertThat(firstLimitedAttempt(unknown)).isEqualTo(11);
            assertThat(firstLimitedAttempt(known)).isEqualTo(11);
        } finally {
            clock.start();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'sign-in.rate-limited'")
                .param(unknown).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anAddressTryingManyNamesIsSlowedDownAndTheSignInPageSaysSo() throws Exception {
        String address = RemoteAddresses.fresh();
        int attempt = 0;
        String target;
        clock.stop();
        try {
            do {
                attempt++;
                target = signIn("spray-" + attempt + "-" + UUID.randomUUID(), "password123456", address).andReturn()
                        .getResponse().getRedirectedUrl();
            } while ("/login?error".equals(target) && attempt < 60);
            assertThat(target).isEqualTo("/login?limited");
            assertThat(attempt).isEqualTo(31);
            signIn("spray-last-" + UUID.randomUUID(), "password123456", address)
                    .andExpect(redirectedUrl("/login?limited"))
                    .andExpect(header().exists("Retry-After"));
        } finally {
            clock.start();
        }
        mvc.perform(get("/login").param("limited", "")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("サインインの失敗が続いたため")));
        mvc.perform(get("/login").param("limited", "").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Too many failed sign-ins")));
    }

    @Test
    void successfulSignInsDoNotCountAgainstTheAddress() throws Exception {
        String name = "regular-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, PASSWORD, EnumSet.of(Role.ANALYST));
        String office = RemoteAddresses.fresh();
        // Twice the address's 30, with nothing coming back meanwhile: none refused.
        clock.stop();
        try {
            for (int i = 0; i < 60; i++) {
                signIn(name, PASSWORD, office).andExpect(redirectedUrl("/console"));
            }
        } finally {
            clock.start();
        }
    }

    /**
     * The trade-off of the per-address limit, as docs/security.md states it: the budget is taken
     * before the password is checked (checking it first would let the guessing go on at full speed),
     * so once failures from a shared address (a NAT, a proxy) have used it up, the right password
     * from that address waits too, until tokens come back. From any other address it goes through.
     */
    @Test
    void failuresThatUseUpASharedAddressMakeTheRightPasswordFromItWaitToo() throws Exception {
        String name = "neighbour-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, PASSWORD, EnumSet.of(Role.ANALYST));
        String sharedAddress = RemoteAddresses.fresh();
        String target;
        int attempt = 0;
        do {
            attempt++;
            target = signIn("guess-" + attempt + "-" + UUID.randomUUID(), "password123456", sharedAddress).andReturn()
                    .getResponse().getRedirectedUrl();
        } while ("/login?error".equals(target) && attempt < 60);
        assertThat(target).isEqualTo("/login?limited");

        signIn(name, PASSWORD, sharedAddress).andExpect(redirectedUrl("/login?limited"));
        signIn(name, PASSWORD, RemoteAddresses.fresh()).andExpect(redirectedUrl("/console"));
    }
}
