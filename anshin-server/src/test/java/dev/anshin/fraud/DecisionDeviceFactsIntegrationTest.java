package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The decisions table keeps what Anshin's device module knew of a device (V34), and gives it back. */
class DecisionDeviceFactsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Decisions decisions;

    @Autowired
    JdbcClient jdbc;

    private final String id = "facts-" + UUID.randomUUID();
    private final String plainId = "facts-plain-" + UUID.randomUUID();

    @AfterEach
    void removeThem() {
        StoredDecisionFixtures.delete(jdbc, List.of(id, plainId));
    }

    @Test
    void deviceFactsAndDeviceReasonsRoundTripThroughTheTable() {
        Instant at = Instant.parse("2012-05-01T00:00:00Z");
        StoredDecision base = StoredDecisionFixtures.decision(id, "tok-facts", "m-facts", "SHOP", at, Decision.REVIEW,
                0.6, "m-1", List.of(new Reason(Reason.Kind.DEVICE, "CONFIRMED_FRAUD", "device: CONFIRMED_FRAUD", 0.0)));
        Authorization a = base.authorization();
        StoredDecision recognised = new StoredDecision(a.withDevice(a.device().recognisedAs(
                UUID.randomUUID().toString(), new DeviceFacts(false, 4, 3, 2, List.of("CONFIRMED_FRAUD",
                        "MANY_APPLICATIONS")))), base.fingerprint(), base.decision(), base.processingMicros(),
                base.decidedAt());
        StoredDecision plain = StoredDecisionFixtures.decision(plainId, "tok-facts", "m-facts", "SHOP", at,
                Decision.APPROVE, 0.1, "m-1", List.of());

        StoredDecisionFixtures.insert(decisions, List.of(recognised, plain));

        assertThat(decisions.find(id)).contains(recognised);
        assertThat(decisions.find(plainId)).contains(plain);
        assertThat(decisions.find(plainId).orElseThrow().authorization().device().anshin()).isNull();
    }
}
