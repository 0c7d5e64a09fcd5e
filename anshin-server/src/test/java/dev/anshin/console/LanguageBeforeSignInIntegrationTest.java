package dev.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** A signed-out visitor who asks for English is sent to sign in, and the sign-in page is in English. */
class LanguageBeforeSignInIntegrationTest extends IntegrationTestSupport {

    @Test
    void aSignedOutVisitorWhoAskedForEnglishSignsInInEnglish() throws Exception {
        for (String[] page : new String[][] {{"/portal/usage", "/portal/login"}, {"/console", "/login"}}) {
            MvcResult sent = mvc.perform(get(page[0]).param("lang", "en")).andExpect(status().is3xxRedirection())
                    .andReturn();
            assertThat(sent.getResponse().getRedirectedUrl()).endsWith(page[1]);
            MockHttpSession session = (MockHttpSession) sent.getRequest().getSession(false);
            assertThat(session).as("the choice is remembered for the visit").isNotNull();
            String signIn = mvc.perform(get(page[1]).session(session)).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(signIn).as(page[1]).contains("lang=\"en\"");
        }
    }

    @Test
    void withoutAChoiceTheSignInPageIsInJapanese() throws Exception {
        MvcResult sent = mvc.perform(get("/portal/usage")).andExpect(status().is3xxRedirection()).andReturn();
        MockHttpSession session = (MockHttpSession) sent.getRequest().getSession(false);
        String signIn = mvc.perform(session == null ? get("/portal/login") : get("/portal/login").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(signIn).contains("lang=\"ja\"");
    }
}
