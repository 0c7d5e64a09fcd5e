package dev.anshin.portal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Disputes;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.FraudLabels;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** The portal's dispute tests over MockMvc: card histories scored through the real scoring API. */
abstract class PortalDisputeTestSupport extends PortalTestSupport {

    @Autowired
    Disputes disputes;

    @Autowired
    Cards cards;

    @Autowired
    FraudLabels labels;

    @Autowired
    Decisions decisions;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    PortalDisputeFixtures fixtures;

    @BeforeEach
    void fixtures() {
        String key = clients.register("portal-dispute-scorer", EnumSet.of(Role.SCORER));
        fixtures = new PortalDisputeFixtures(cards, labels, decisions, json,
                body -> mvc.perform(post("/api/v1/authorizations").header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk()));
    }
}
