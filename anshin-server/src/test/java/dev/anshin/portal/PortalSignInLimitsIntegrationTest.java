package dev.anshin.portal;

import static dev.anshin.RemoteAddresses.fresh;
import static dev.anshin.RemoteAddresses.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The portal's sign-in, code step and activation are throttled per address (30 failures a minute by
 * default) and per login id typed; the page says to wait, in Japanese and English. Unknown login ids
 * are slowed like known ones and audited only in aggregate. Tokens come back with time, so the tests
 * stop the application's clock while they count: where a refusal begins is then exact.
 */
class PortalSignInLimitsIntegrationTest extends PortalTestSupport {

    private ResultActions password(String loginId, String password, String address, MockHttpSession session)
            throws Exception {
        return mvc.perform(post("/portal/login").with(csrf()).with(from(address)).session(session)
                .param("loginId", loginId).param("password", password));
    }

    /** Fails sign-ins with unknown login ids from the address until it is refused; returns the attempts made. */
    private int drain(String address) throws Exception {
        int attempt = 0;
        String target;
        do {
            attempt++;
            target = password("nobody-" + uuid().substring(0, 12), "not the password", address, new MockHttpSession())
                    .andReturn().getResponse().getRedirectedUrl();
        } while ("/portal/login?error".equals(target) && attempt < 60);
        assertThat(target).isEqualTo("/portal/login?limited");
        return attempt;
    }

    @Test
    void unknownLoginIdsFromOneAddressAreSlowedDownAndThePageSaysSo() throws Exception {
        String address = fresh();
        clock.stop();
        try {
            assertThat(drain(address)).isEqualTo(31);
            password("nobody-" + uuid().substring(0, 12), "not the password", address, new MockHttpSession())
                    .andExpect(redirectedUrl("/portal/login?limited"))
                    .andExpect(header().exists("Retry-After"));
        } finally {
            clock.start();
        }
        mvc.perform(get("/portal/login").param("limited", "")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("ログインの失敗が続いたため")));
        mvc.perform(get("/portal/login").param("limited", "").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Too many failed sign-ins")));
    }

    @Test
    void oneLoginIdTriedFromManyAddressesIsSlowedDownWhetherItExistsOrNot() throws Exception {
        Enrolled cardholder = enrolled("limits");
        clock.stop();
        try {
            for (String loginId : new String[] {cardholder.loginId(), "absent-" + uuid().substring(0, 8)}) {
                int attempt = 0;
                String target;
                do {
                    attempt++;
                    // The lockout of the real account starts after 5; the throttle after 10, alike for both.
                    target = password(loginId, "not the password", fresh(), new MockHttpSession()).andReturn()
                            .getResponse().getRedirectedUrl();
                } while ("/portal/login?error".equals(target) && attempt < 30);
                assertThat(target).as(loginId).isEqualTo("/portal/login?limited");
                assertThat(attempt).as(loginId).isEqualTo(11);
            }
        } finally {
            clock.start();
        }
    }

    @Test
    void theCodeStepIsRefusedFromAnAddressOverItsLimit() throws Exception {
        Enrolled cardholder = enrolled("code-limit");
        String address = fresh();
        clock.advance(Duration.ofSeconds(30));
        MockHttpSession session = new MockHttpSession();
        password(cardholder.loginId(), PASSWORD, address, session).andExpect(redirectedUrl("/portal/login/code"));
        // Stopped, the clock refills nothing between the last refused sign-in and the code step.
        clock.stop();
        try {
            drain(address);
            mvc.perform(post("/portal/login/code").with(csrf()).with(from(address)).session(session)
                            .param("code", totp.code(cardholder.secret(), Totp.step(clock.instant()))))
                    .andExpect(redirectedUrl("/portal/login/code?limited"));
        } finally {
            clock.start();
        }
        mvc.perform(get("/portal/login/code").param("limited", "").session(session))
                .andExpect(content().string(Matchers.containsString("ログインの失敗が続いたため")));
    }

    @Test
    void guessingActivationCodesIsSlowedDown() throws Exception {
        String address = fresh();
        int attempt = 0;
        int status;
        clock.stop();
        try {
            do {
                attempt++;
                status = mvc.perform(post("/portal/activate").with(csrf()).with(from(address))
                                .param("activationCode", "GUESS-" + attempt).param("loginId", "someone-new")
                                .param("password", "a good long password").param("passwordAgain", "a good long password"))
                        .andReturn().getResponse().getStatus();
            } while (status == 200 && attempt < 60);
            assertThat(status).isEqualTo(429);
            assertThat(attempt).isEqualTo(31);
            mvc.perform(post("/portal/activate").with(csrf()).with(from(address)).param("activationCode", "GUESS")
                            .param("lang", "en"))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(content().string(Matchers.containsString("activation is paused")));
        } finally {
            clock.start();
        }
    }
}
