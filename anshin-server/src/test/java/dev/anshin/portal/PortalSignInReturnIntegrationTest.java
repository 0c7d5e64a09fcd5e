package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * A sign-in returns to the new card page it was asked for ("See my new card" from the decision page, not
 * yet signed in) and to nothing else: any other page, or none, leads to the usage page as before.
 */
class PortalSignInReturnIntegrationTest extends PortalTestSupport {

    private String signIn(MockHttpSession session, Enrolled cardholder) throws Exception {
        clock.advance(Duration.ofSeconds(30));
        mvc.perform(post("/portal/login").with(csrf()).session(session).param("loginId", cardholder.loginId())
                .param("password", PASSWORD)).andExpect(redirectedUrl("/portal/login/code"));
        return mvc.perform(post("/portal/login/code").with(csrf()).session(session)
                        .param("code", totp.code(cardholder.secret(), Totp.step(clock.instant()))))
                .andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void aSignInReturnsToTheNewCardPageItWasAskedFor() throws Exception {
        Enrolled cardholder = enrolled("return");
        MockHttpSession session = new MockHttpSession();
        String toLogin = mvc.perform(get("/portal/new-card/APP-20261207-abc123").session(session))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(toLogin).endsWith("/portal/login");
        assertThat(signIn(session, cardholder)).isEqualTo("/portal/new-card/APP-20261207-abc123");
        // Once only: the next sign-in in the same browser goes home.
        mvc.perform(post("/portal/logout").with(csrf()).session(session));
        MockHttpSession again = new MockHttpSession();
        assertThat(signIn(again, cardholder)).isEqualTo("/portal/usage");
    }

    @Test
    void noOtherPageIsReturnedTo() throws Exception {
        Enrolled cardholder = enrolled("noreturn");
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/portal/privacy").session(session));
        mvc.perform(post("/portal/new-card/APP-1").with(csrf()).session(session));
        mvc.perform(get("/portal/new-card/APP-1/../../privacy").session(session));
        assertThat(signIn(session, cardholder)).isEqualTo("/portal/usage");
    }
}
