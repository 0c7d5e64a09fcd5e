package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A cardholder's report through the API, end to end: stored, investigated on the investigation's
 * own threads, and carried out (or explained, or queued for an analyst).
 */
class DisputeIntegrationTest extends DisputeTestSupport {

    @Autowired
    AutomaticInvestigation investigation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.anshin.privacy.PersonalData personalData;

    @Autowired
    DisputeTexts texts;

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void fraudBlocksReplacesCreditsLabelsAndFilesTheChargeback() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = fraudScenario(card);

        JsonNode submitted = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson();
        String id = submitted.get("disputes").get(0).get("id").asText();
        Dispute decided = awaitOutcome(id);

        assertThat(decided.status()).isEqualTo(DisputeStatus.CHARGEBACK_FILED);
        assertThat(decided.assessment()).isEqualTo(Assessment.FRAUD);
        assertThat(decided.findings()).extracting(Finding::code)
                .contains("country-new", "device-new", "other-reports-terminal");
        assertThat(decided.reasonCode()).isEqualTo("10.4");
        assertThat(decided.network()).isEqualTo("VISA");
        assertThat(decided.filingDeadline()).isEqualTo(LocalDate.ofInstant(NOW.minus(Duration.ofHours(5)),
                ZoneOffset.UTC).plusDays(120));
        assertThat(decided.chargebackReference()).startsWith("SBX-V-");
        assertThat(decided.provisionalCreditMinor()).isEqualTo(98_000L);
        assertThat(decided.effectsPending()).isFalse();
        assertThat(decided.decidedInMicros()).isPositive();
        // The card is blocked: the scoring API declines it from now on.
        assertThat(cards.find(card.token()).orElseThrow().blocked()).isTrue();
        String after = newId("after");
        postAuthorization(authorization(after, card.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("DECLINE"));
        // A replacement for the same customer, active.
        Card replacement = cards.find(decided.replacementCardToken()).orElseThrow();
        assertThat(replacement.customerId()).isEqualTo(customer);
        assertThat(replacement.blocked()).isFalse();
        assertThat(replacement.bin()).isEqualTo(card.bin());
        assertThat(replacement.token()).isNotEqualTo(card.token());
        // The scoring engine learned it.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM fraud_labels WHERE authorization_id = ? AND fraud")
                .param(disputed).query(Long.class).single()).isEqualTo(1L);
        assertThat(disputes.history(id)).extracting(DisputeEvent::action)
                .containsSubsequence("REPORT", "INVESTIGATE", "CONFIRM_FRAUD", "UPDATE", "FILE_CHARGEBACK");
    }

    @Test
    void aRenewalOfTheCardholdersOwnSubscriptionIsExplainedAndCanBeWithdrawn() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String merchant = "m-netflix-" + UUID.randomUUID();
        for (int month = 4; month >= 1; month--) {
            score(card, "nf" + month, NOW.minus(Duration.ofDays(30L * month)), m -> {
                m.put("merchantId", merchant);
                m.put("merchantName", "NETFLIX.COM 866-579-7172");
                m.put("amount", Map.of("minor", 1490, "currency", "JPY"));
                m.put("posEntryMode", "10");
                m.put("cardPresent", false);
                m.put("device", Map.of("deviceId", "tv-living-room", "channel", "02"));
            });
        }
        String disputed = score(card, "nf0", NOW.minus(Duration.ofHours(1)), m -> {
            m.put("merchantId", merchant);
            m.put("merchantName", "NETFLIX.COM 866-579-7172");
            m.put("amount", Map.of("minor", 1490, "currency", "JPY"));
            m.put("posEntryMode", "10");
            m.put("cardPresent", false);
            m.put("device", Map.of("deviceId", "tv-living-room", "channel", "02"));
        });
        String id = report(customer, List.of(disputed), "YES", "NO", "UNSURE", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute decided = awaitOutcome(id);

        assertThat(decided.status()).isEqualTo(DisputeStatus.DECIDED_GENUINE);
        assertThat(decided.findings()).extracting(Finding::code)
                .contains("merchant-brand", "recurring", "merchant-earlier", "device-known");
        assertThat(decided.findings()).filteredOn(f -> f.code().equals("merchant-brand")).first()
                .satisfies(f -> assertThat(f.params()).containsEntry("brandEn", "Netflix"));
        assertThat(cards.find(card.token()).orElseThrow().blocked()).isFalse();
        assertThat(decided.replacementCardToken()).isNull();

        Dispute withdrawn = disputes.act(id, customer, DisputeAction.WITHDRAW,
                Disputes.Acting.cardholder(customer, "127.0.0.1"), null, null);
        assertThat(withdrawn.status()).isEqualTo(DisputeStatus.WITHDRAWN);
        // Someone else cannot act on it, and is told it does not exist.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> disputes.act(id, "someone-else",
                DisputeAction.CONTEST, Disputes.Acting.cardholder("someone-else", null), null, null)))
                .hasMessageContaining("No such case");
    }

    @Test
    void anUnclearCaseWaitsForAnAnalystWhoseActionsAreCheckedAndAudited() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = score(card, "unclear", NOW.minus(Duration.ofHours(2)), m -> { });
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute referred = awaitOutcome(id);
        assertThat(referred.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(referred.reviewDueAt()).isAfter(Instant.now().plus(Duration.ofHours(47)));
        // (Other tests leave hundreds of cases waiting in the shared database: ask for all of them.)
        mvc.perform(get("/api/v1/disputes").param("status", "ANALYST_REVIEW").param("limit", "1000")
                        .header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].status").value("ANALYST_REVIEW"));

        // A question needs its text; a move the table does not allow is refused with nothing changed.
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "ASK_CARDHOLDER"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "CHARGEBACK_WON"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/illegal-transition")));
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "CONFIRM_FRAUD",
                "version", referred.version() - 1)).andExpect(status().isConflict());
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes/" + id + "/actions", Map.of("action", "CONFIRM_FRAUD"))
                .andExpect(status().isForbidden());
        assertThat(disputes.find(id).orElseThrow().status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);

        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "CONFIRM_FRAUD",
                "note", "called the cardholder", "version", referred.version()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CHARGEBACK_FILED"))
                .andExpect(jsonPath("$.reasonCode").value("10.3"));
        assertThat(cards.find(card.token()).orElseThrow().blocked()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = 'dispute.confirm_fraud' "
                        + "AND outcome = 'SUCCESS'").param("dispute/" + id).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND outcome = 'DENIED'")
                .param("dispute/" + id).query(Long.class).single()).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void badReportsAreRefusedAndNothingIsDuplicated() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Card someoneElses = cards.register(newPan(), newCustomer());
        String mine = score(card, "mine", NOW.minus(Duration.ofDays(1)), m -> { });
        String theirs = score(someoneElses, "theirs", NOW.minus(Duration.ofDays(1)), m -> { });
        String old = score(card, "old", NOW.minus(Duration.ofDays(200)), m -> { });

        report(customer, List.of(theirs), "YES", "NO", "NO", "NO")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/unknown-authorization")))
                .andExpect(jsonPath("$.errors[0].field").value("authorizationIds[0]"));
        report(customer, List.of(mine, old), "YES", "NO", "NO", "NO")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/not-disputable")))
                .andExpect(jsonPath("$.errors[0].field").value("authorizationIds[1]"));
        Map<String, Object> malformed = new LinkedHashMap<>(reportBody(customer, List.of(mine), "MAYBE", "NO", "NO", "NO"));
        malformed.put("certified", false);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes", malformed)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem("cardInHand")));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes", "{\"authorizationIds\": [")
                .andExpect(status().isBadRequest());
        Map<String, Object> uncertified = new LinkedHashMap<>(reportBody(customer, List.of(mine), "YES", "NO", "NO", "NO"));
        uncertified.put("certified", false);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes", uncertified)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("certified"));
        assertThat(cases(mine) + cases(theirs) + cases(old)).isZero();

        String first = report(customer, List.of(mine), "YES", "NO", "NO", "NO").andExpect(status().isCreated())
                .andReturnJson().get("disputes").get(0).get("id").asText();
        String retried = report(customer, List.of(mine), "YES", "NO", "NO", "NO").andExpect(status().isOk())
                .andReturnJson().get("disputes").get(0).get("id").asText();
        assertThat(retried).isEqualTo(first);
        report(customer, List.of(mine), "NO", "NO", "NO", "NO")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/already-disputed")));
        assertThat(cases(mine)).isEqualTo(1);
        // Staff without the customer-service role cannot report, and nobody unauthenticated can read.
        postAs(Role.ANALYST, "/api/v1/disputes", reportBody(customer, List.of(mine), "YES", "NO", "NO", "NO"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/disputes/" + first)).andExpect(status().isUnauthorized());
        awaitOutcome(first);
    }

    @Test
    void aCaseInterruptedMidInvestigationIsFinishedAfterARestart() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = score(card, "crash", NOW.minus(Duration.ofHours(3)), m -> { });
        investigation.stop(); // the server dies: the report is stored, nothing investigates it
        try {
            String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO").andExpect(status().isCreated())
                    .andReturnJson().get("disputes").get(0).get("id").asText();
            // Stopped, the investigation took nothing: no worker runs the case, none will until a restart.
            assertThat(investigation.holds(id)).isFalse();
            assertThat(disputes.find(id).orElseThrow().status()).isEqualTo(DisputeStatus.INTAKE);
        } finally {
            investigation.start();
        }
        investigation.resume();
        Dispute resumed = disputes.ofAuthorization(disputed).orElseThrow();
        assertThat(awaitOutcome(resumed.id()).status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
    }

    @Test
    void effectsCarriedOutAgainAfterACrashBlockReplaceAndFileOnce() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = fraudScenario(card);
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute filed = awaitOutcome(id);
        assertThat(filed.status()).isEqualTo(DisputeStatus.CHARGEBACK_FILED);

        // The server died after the card, the replacement and the credit, before the filing committed.
        jdbc.sql("UPDATE disputes SET status = 'DECIDED_FRAUD', effects_pending = TRUE, chargeback_reference = NULL, "
                + "chargeback_filed_at = NULL, version = version - 1 WHERE dispute_id = ?").param(id).update();
        // Nobody moves a case whose effects are still being carried out.
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "WRITE_OFF"))
                .andExpect(status().isConflict());
        investigation.run(id);

        Dispute again = disputes.find(id).orElseThrow();
        assertThat(again.status()).isEqualTo(DisputeStatus.CHARGEBACK_FILED);
        assertThat(again.effectsPending()).isFalse();
        assertThat(again.chargebackReference()).isEqualTo(filed.chargebackReference());
        assertThat(again.replacementCardToken()).isEqualTo(filed.replacementCardToken());
        assertThat(again.provisionalCreditMinor()).isEqualTo(filed.provisionalCreditMinor());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE replaces = ?").param(card.token()).query(Long.class)
                .single()).isEqualTo(1L);
        assertThat(disputes.history(id)).extracting(DisputeEvent::action).filteredOn("FILE_CHARGEBACK"::equals)
                .hasSize(2); // the first filing, and its repetition after the crash, same reference
    }

    @Test
    void aWithdrawnChargebackFiledAgainIsANewFiling() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = fraudScenario(card);
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute filed = awaitOutcome(id);
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "WITHDRAW_CHARGEBACK",
                "note", "wrong amount")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DECIDED_FRAUD"));
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "FILE_CHARGEBACK"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CHARGEBACK_FILED"))
                .andExpect(jsonPath("$.chargebackReference").value(org.hamcrest.Matchers.not(
                        filed.chargebackReference())));
        // Decided as fraud, the cardholder can no longer withdraw it themselves.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> disputes.act(id, customer,
                DisputeAction.WITHDRAW, Disputes.Acting.cardholder(customer, null), null, null)))
                .hasMessageContaining("WITHDRAW");
    }

    @Test
    void theClockReturnsAnUnansweredQuestionAndClosesAnUncontestedExplanation() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String asked = report(customer, List.of(score(card, "asked", NOW.minus(Duration.ofHours(2)), m -> { })),
                "YES", "NO", "NO", "NO").andExpect(status().isCreated()).andReturnJson().get("disputes").get(0)
                .get("id").asText();
        String explained = report(customer, List.of(score(card, "explained", NOW.minus(Duration.ofHours(3)),
                m -> { })), "YES", "NO", "NO", "NO").andExpect(status().isCreated()).andReturnJson()
                .get("disputes").get(0).get("id").asText();
        awaitOutcome(asked);
        awaitOutcome(explained);
        postAs(Role.ANALYST, "/api/v1/disputes/" + asked + "/actions", Map.of("action", "ASK_CARDHOLDER",
                "note", "Did you lend the card?")).andExpect(status().isOk());
        postAs(Role.ANALYST, "/api/v1/disputes/" + explained + "/actions", Map.of("action", "DECIDE_GENUINE",
                "note", "the cardholder's own shop")).andExpect(status().isOk());
        investigation.tick();
        assertThat(disputes.find(asked).orElseThrow().status()).isEqualTo(DisputeStatus.AWAITING_CARDHOLDER);
        assertThat(disputes.find(explained).orElseThrow().status()).isEqualTo(DisputeStatus.DECIDED_GENUINE);

        // Time passes: the question's deadline, and 31 days since the explanation.
        jdbc.sql("UPDATE disputes SET review_due_at = ? WHERE dispute_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), asked).update();
        jdbc.sql("UPDATE disputes SET decided_at = ? WHERE dispute_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(31))), explained).update();
        investigation.tick();
        assertThat(disputes.find(asked).orElseThrow().status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(disputes.history(asked)).last().satisfies(e -> {
            assertThat(e.party()).isEqualTo(Party.CLOCK);
            assertThat(e.action()).isEqualTo("CARDHOLDER_ANSWERED");
        });
        assertThat(disputes.find(explained).orElseThrow().status()).isEqualTo(DisputeStatus.EXPIRED);
    }

    @Test
    void reportsConvergingOnATerminalFlagItAndListTheOtherCardsThatUsedIt() throws Exception {
        String terminal = "t-pos-" + UUID.randomUUID();
        twoCardsFraudsConfirmedAt(terminal);
        // A card that used the terminal since, without any report: exposed.
        Card exposed = cards.register(newPan(), newCustomer());
        score(exposed, "bystander", NOW.minus(Duration.ofDays(1)), m -> m.put("terminalId", terminal));
        // A third cardholder reports their charge there: a fraud, which makes three cards.
        String customer = newCustomer();
        Card third = cards.register(newPan(), customer);
        String disputed = score(third, "third", NOW.minus(Duration.ofHours(20)), m -> {
            m.put("terminalId", terminal);
            m.put("posEntryMode", "02");
        });
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute decided = awaitOutcome(id);
        assertThat(decided.assessment()).isEqualTo(Assessment.FRAUD);
        assertThat(decided.reasonCode()).isEqualTo("10.1"); // stripe read while the cardholder holds the card

        JsonNode points = json.readTree(mvc.perform(get("/api/v1/compromised-points")
                        .header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode point = null;
        for (JsonNode p : points) {
            if (p.get("id").asText().equals(terminal)) {
                point = p;
            }
        }
        assertThat(point).as("terminal flagged").isNotNull();
        assertThat(point.get("kind").asText()).isEqualTo("TERMINAL");
        assertThat(point.get("reportingCards").asInt()).isEqualTo(3);
        List<String> exposedCards = new java.util.ArrayList<>();
        point.get("exposedCards").forEach(c -> exposedCards.add(c.asText()));
        assertThat(exposedCards).containsExactly(exposed.token());
        mvc.perform(get("/api/v1/compromised-points").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isForbidden());

        // The next report at the terminal counts the flag as evidence.
        String next = newCustomer();
        Card fourth = cards.register(newPan(), next);
        String later = score(fourth, "fourth", NOW.minus(Duration.ofHours(1)), m -> m.put("terminalId", terminal));
        String laterId = report(next, List.of(later), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        assertThat(awaitOutcome(laterId).findings()).extracting(Finding::code)
                .contains("compromised-point", "other-reports-terminal");
    }

    @Test
    void aFlaggedPointIsLoggedForAnalystsAtInfoNotAsAWarning() throws Exception {
        String terminal = "t-pos-" + UUID.randomUUID();
        twoCardsFraudsConfirmedAt(terminal);
        Logger logger = (Logger) LoggerFactory.getLogger(CompromisedPoints.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            // A third card's reported fraud there flags the terminal.
            String customer = newCustomer();
            String disputed = score(cards.register(newPan(), customer), "third", NOW.minus(Duration.ofHours(20)),
                    m -> {
                        m.put("terminalId", terminal);
                        m.put("posEntryMode", "02");
                    });
            String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                    .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
            assertThat(awaitOutcome(id).assessment()).isEqualTo(Assessment.FRAUD);
        } finally {
            logger.detachAppender(logged);
        }
        List<ILoggingEvent> flagged = logged.list.stream()
                .filter(e -> e.getFormattedMessage().contains(terminal + " flagged as compromised")).toList();
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).getLevel()).isEqualTo(Level.INFO);
    }

    /** Two cards' frauds at the terminal two days ago, confirmed by the issuer: one more card flags it. */
    private void twoCardsFraudsConfirmedAt(String terminal) throws Exception {
        for (int i = 0; i < 2; i++) {
            Card victim = cards.register(newPan(), newCustomer());
            String fraud = score(victim, "v" + i, NOW.minus(Duration.ofDays(2)).plusSeconds(i),
                    m -> m.put("terminalId", terminal));
            postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", fraud, "fraud", true,
                    "source", "ISSUER")).andExpect(status().isCreated());
        }
    }

    @Test
    void aCardholdersAnswerIsClearedWhenTheyAreErased() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = score(card, "erase", NOW.minus(Duration.ofHours(2)), m -> { });
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute referred = awaitOutcome(id);
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "ASK_CARDHOLDER",
                "note", "Were you in Osaka that day?", "version", referred.version()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AWAITING_CARDHOLDER"));
        Dispute answered = disputes.act(id, customer, DisputeAction.CARDHOLDER_ANSWERED,
                Disputes.Acting.cardholder(customer, null), "I was at home with my sister", null);
        assertThat(answered.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(disputes.history(id)).extracting(DisputeEvent::note).contains("I was at home with my sister");

        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-9")).andExpect(status().isOk());
        assertThat(disputes.history(id)).extracting(DisputeEvent::note)
                .doesNotContain("I was at home with my sister")
                .contains("Were you in Osaka that day?");
        assertThat(disputes.find(id).orElseThrow().status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
    }

    /**
     * The person's disclosure gives their report, the case with the findings meant for them, their own notes
     * and the questions put to them; never an analyst's internal note or a finding about other cardholders.
     */
    @Test
    void aDisclosureGivesWhatIsMeantForThePersonAndNoAnalystsNote() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        String disputed = score(card, "disclose", NOW.minus(Duration.ofHours(2)), m -> { });
        String id = report(customer, List.of(disputed), "YES", "NO", "NO", "NO")
                .andExpect(status().isCreated()).andReturnJson().get("disputes").get(0).get("id").asText();
        Dispute referred = awaitOutcome(id);
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "ASK_CARDHOLDER",
                "note", "Were you in Kobe that day?", "version", referred.version()))
                .andExpect(status().isOk());
        Dispute answered = disputes.act(id, customer, DisputeAction.CARDHOLDER_ANSWERED,
                Disputes.Acting.cardholder(customer, null), "I was at work all day", null);
        postAs(Role.ANALYST, "/api/v1/disputes/" + id + "/actions", Map.of("action", "DECIDE_GENUINE",
                "note", "analyst-only: matches the usual shop", "version", answered.version()))
                .andExpect(status().isOk());

        dev.anshin.privacy.Disclosure disclosure = personalData.disclose(
                new dev.anshin.privacy.Actor("disputes-test-officer", java.util.Set.of(Role.PRIVACY_OFFICER), "test"),
                customer);

        List<dev.anshin.privacy.HeldElsewhere.Disclosed> items = disclosure.elsewhere().stream()
                .filter(item -> item.entry().equals(DisputePersonalData.DISPUTES)).toList();
        String all = items.stream().map(item -> item.textJa() + item.textEn() + item.values()).reduce("", String::concat);
        assertThat(all).contains("Were you in Kobe that day?", "I was at work all day")
                .doesNotContain("analyst-only");
        assertThat(items).anySatisfy(item -> assertThat(item.values()).containsEntry("cardInHand", "YES"));
        assertThat(items).anySatisfy(item -> assertThat(item.values()).containsEntry("dispute", id)
                .containsEntry("authorizationId", disputed).containsEntry("status", "DECIDED_GENUINE"));
        Dispute decided = disputes.find(id).orElseThrow();
        for (Finding finding : decided.findings()) {
            if (!finding.forCardholder()) {
                assertThat(all).doesNotContain(texts.finding(finding, java.util.Locale.ENGLISH));
            }
        }
    }

    // --- helpers

    /**
     * A card-absent purchase abroad from a new device, at a terminal where another card's fraud was
     * confirmed last week, after six weeks of home purchases: the investigation finds fraud.
     */
    private String fraudScenario(Card card) throws Exception {
        for (int i = 0; i < 6; i++) {
            score(card, "home", NOW.minus(Duration.ofDays(10 + 7 * i)), m -> {
                m.put("device", Map.of("deviceId", "dev-home", "channel", "02"));
                m.put("ipAddress", "203.0.113.7");
            });
        }
        // Another cardholder's fraud at the same terminal, confirmed last week.
        String terminal = "t-" + UUID.randomUUID();
        Card other = cards.register(newPan(), newCustomer());
        String otherFraud = score(other, "x", NOW.minus(Duration.ofDays(3)), m -> m.put("terminalId", terminal));
        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", otherFraud, "fraud", true,
                "source", "ISSUER")).andExpect(status().isCreated());
        String disputed = score(card, "shop", NOW.minus(Duration.ofHours(5)), m -> {
            m.put("terminalId", terminal);
            m.put("merchantCountry", "US");
            m.put("posEntryMode", "81");
            m.put("cardPresent", false);
            m.put("amount", Map.of("minor", 98_000, "currency", "JPY"));
            m.put("device", Map.of("deviceId", "dev-unknown", "channel", "02"));
        });

        return disputed;
    }


    private long cases(String authorizationId) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes WHERE authorization_id = ?").param(authorizationId)
                .query(Long.class).single();
    }

    private Reply report(String customer, List<String> ids, String cardInHand, String family, String subscription,
            String recognizes) throws Exception {
        return new Reply(mvc.perform(post("/api/v1/disputes")
                .header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(reportBody(customer, ids, cardInHand, family, subscription, recognizes)))));
    }

    /** A response, with its body as JSON. */
    private final class Reply {
        private final org.springframework.test.web.servlet.ResultActions actions;

        Reply(org.springframework.test.web.servlet.ResultActions actions) {
            this.actions = actions;
        }

        Reply andExpect(org.springframework.test.web.servlet.ResultMatcher matcher) throws Exception {
            actions.andExpect(matcher);
            return this;
        }

        JsonNode andReturnJson() throws Exception {
            return json.readTree(actions.andReturn().getResponse().getContentAsString());
        }
    }
}
