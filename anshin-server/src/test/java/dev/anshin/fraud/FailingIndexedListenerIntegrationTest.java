package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A listener told of every indexed decision (usage notifications) fails: its own writes are lost,
 * the authorizations are stored and answered all the same.
 */
@Import(FailingIndexedListenerIntegrationTest.Failing.class)
class FailingIndexedListenerIntegrationTest extends IntegrationTestSupport {

    /** Writes a row, then fails, for authorizations whose id starts with "poison". */
    @TestConfiguration
    static class Failing {
        @Bean
        DecisionsIndexedListener failingListener(JdbcClient jdbc) {
            return new DecisionsIndexedListener() {
                @Override
                public void inserting(List<StoredDecision> batch) {
                    for (StoredDecision d : batch) {
                        if (d.authorizationId().startsWith("poison")) {
                            // A write that must go with the failure, not with the authorization.
                            jdbc.sql("UPDATE authorizations SET mcc = '0000' WHERE authorization_id = ?")
                                    .param(d.authorizationId()).update();
                            throw new IllegalStateException("listener failed");
                        }
                    }
                }
            };
        }
    }

    @Autowired
    ScoredAuthorizations scored;

    @Autowired
    Decisions decisions;

    @Test
    void aFailingListenerNeverStopsScoringNorLosesTheAuthorization() throws Exception {
        Card card = newCard();
        for (int i = 0; i < 3; i++) {
            String id = newId("poison");
            postAuthorization(authorization(id, card.token())).andExpect(status().isOk())
                    .andExpect(jsonPath("$.authorizationId").value(id));
            assertThat(scored.awaitStored(id, Duration.ofSeconds(10))).isTrue();
            StoredDecision stored = decisions.find(id).orElseThrow();
            assertThat(stored.authorization().mcc()).isEqualTo("5411"); // the listener's write rolled back alone
        }
        String healthy = newId("healthy");
        postAuthorization(authorization(healthy, card.token())).andExpect(status().isOk());
        assertThat(scored.awaitStored(healthy, Duration.ofSeconds(10))).isTrue();
    }
}
