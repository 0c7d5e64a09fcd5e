package dev.anshin.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.cards.Card;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(roles = "ANALYST")
class ConsoleIntegrationTest extends IntegrationTestSupport {

    @Test
    void showsRecentDecisionsInJapaneseWithMaskedCards() throws Exception {
        String pan = newPan();
        Card card = cards.register(pan);
        String id = newId("console");
        postAuthorization(authorization(id, card.token())).andExpect(status().isOk());
        // The list is read from the database, which the decision log's indexer fills within milliseconds.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!mvc.perform(get("/console")).andReturn().getResponse().getContentAsString().contains(id)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        mvc.perform(get("/console"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("最近の判定")))
                .andExpect(content().string(containsString(id)))
                .andExpect(content().string(containsString(card.bin() + "******" + card.last4())))
                .andExpect(content().string(not(containsString(pan))));
    }

    @Test
    void speaksEnglishOnRequest() throws Exception {
        mvc.perform(get("/console").param("lang", "en"))
                .andExpect(content().string(containsString("Recent decisions")));
        mvc.perform(get("/console").header("Accept-Language", "en-US,en;q=0.9"))
                .andExpect(content().string(containsString("Recent decisions")));
    }

    @Test
    void statsCoverThirtyMinutesAndAHistogram() throws Exception {
        postAuthorization(authorization(newId("stats"), newCard().token())).andExpect(status().isOk());
        mvc.perform(get("/console/api/stats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.minutes.length()").value(30))
                .andExpect(jsonPath("$.scoreHistogram.length()").value(20));
    }

    @Test
    void chartScriptIsServedWithoutSignIn() throws Exception {
        mvc.perform(get("/console/assets/console.js")).andExpect(status().isOk());
    }
}
