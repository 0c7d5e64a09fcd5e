package dev.anshin.screening;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.HostileForms;
import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fuzzing the decision on a limit-reduction proposal (QuickTheories, {@link HostileJson},
 * {@link HostileForms}): through the API and through the console's form, whatever is sent, no 5xx, and a
 * refused one decides nothing and changes no limit (counted by the decisions' audit entries, which are
 * written in the same transaction as the decision and the limits).
 */
class ScreeningInputFuzzIntegrationTest extends IntegrationTestSupport {

    private static final ApplicantFigures FAMILY = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);
    private static final Limits GRANTED = new Limits(2_000_000, 500_000);

    @Autowired
    Screenings screenings;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    JdbcClient jdbc;

    /** A card whose re-screening proposed a reduction: the proposal. */
    private LimitProposal proposal() {
        String application = "APP-" + UUID.randomUUID();
        bureau.assign(application, Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(application, null, FAMILY, GRANTED, "onboarding"));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        screenings.recordIssued(card, "c-" + UUID.randomUUID(), application, GRANTED, "onboarding");
        bureau.assign(application, Scenario.HEAVY_BORROWER);
        clock.advance(Duration.ofDays(31));
        try {
            screenings.rescreenDue("fuzz");
        } finally {
            clock.advance(Duration.ofDays(31).negated());
        }
        return screenings.proposalsFor(card).get(0);
    }

    private long decisions(LimitProposal proposal) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action IN (?, ?)")
                .params("card/" + proposal.cardToken(), Screenings.ACTION_ACCEPTED, Screenings.ACTION_REJECTED)
                .query(Long.class).single();
    }

    @Test
    void decisionsThroughTheApi() {
        LimitProposal proposal = proposal();
        String key = key(Role.CREDIT_OFFICER);
        HostileJson.assertAnsweredCleanly(mvc, 60,
                () -> new LinkedHashMap<>(Map.of("decision", "REJECT", "note", "収入証明を確認済み")),
                body -> post("/api/v1/screening/proposals/" + proposal.id() + "/decision").header("X-Api-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body),
                body -> decisions(proposal));
    }

    @Test
    void decisionsThroughTheConsole() {
        LimitProposal proposal = proposal();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("decision", "ACCEPT");
        valid.put("note", "他社借入の増加を確認");
        valid.put("confirmed", "yes");
        HostileForms.assertAnsweredCleanly(mvc, 40, "/console/screening/proposals/" + proposal.id() + "/decision",
                valid, () -> decisions(proposal), user("fuzz-credit").roles(Role.CREDIT_OFFICER.name()));
    }
}
