package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The screening pages and their API twin on the database, with proposals made by real re-screening runs
 * (sandbox bureau): who reads and who decides, the confirmation checked on the server, accept and reject
 * audited once and idempotent, a decided proposal staying decided, "run now" refused while a run goes on.
 */
class ScreeningPagesIntegrationTest extends IntegrationTestSupport {

    private static final Duration MONTH_AND_A_DAY = Duration.ofDays(31);
    private static final ApplicantFigures FAMILY = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);
    private static final Limits GRANTED = new Limits(2_000_000, 500_000);
    private static final RequestPostProcessor CREDIT = user("credit-1").roles(Role.CREDIT_OFFICER.name());
    private static final RequestPostProcessor ANALYST = user("analyst-1").roles(Role.ANALYST.name());

    @Autowired
    Screenings screenings;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    PersonalData personalData;

    @Autowired
    JdbcClient jdbc;

    /** A customer with a name, a card on an approved application, and the proposal a re-screening made. */
    private record Proposed(String customerId, String name, Card card, LimitProposal proposal) {
    }

    private Proposed proposed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "与信" + tag;
        String customer = personalData.register(new Actor("test-support", EnumSet.of(Role.CUSTOMER_SERVICE), "test"),
                "CR-" + tag, Map.of(PersonalField.NAME_KANJI, name)).customerId();
        Card card = cards.register(newPan(), customer);
        String application = "APP-" + UUID.randomUUID();
        bureau.assign(application, Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(application, customer, FAMILY, GRANTED, "onboarding"));
        screenings.recordIssued(card.token(), customer, application, GRANTED, "onboarding");
        bureau.assign(application, Scenario.HEAVY_BORROWER); // new debts since the card was issued
        clock.advance(MONTH_AND_A_DAY);
        try {
            screenings.rescreenDue("test");
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated()); // the context's clock is shared: give it back
        }
        LimitProposal proposal = screenings.proposalsFor(card.token()).get(0);
        return new Proposed(customer, name, card, proposal);
    }

    /**
     * The person's disclosure gives the decision their card was granted on (with the credit bureau's figures),
     * the issued limits and the proposal a re-screening made about them.
     */
    @Test
    void aDisclosureGivesTheDecisionTheLimitsAndTheProposal() {
        Proposed p = proposed();
        String application = jdbc.sql("SELECT application_id FROM screening_accounts WHERE card_token = ?")
                .param(p.card().token()).query(String.class).single();

        var items = personalData.disclose(new Actor("screening-test-officer", EnumSet.of(Role.PRIVACY_OFFICER), "test"),
                        p.customerId()).elsewhere().stream()
                .filter(item -> item.entry().equals(ScreeningPersonalData.SCREENING)).toList();

        assertThat(items).hasSize(3);
        assertThat(items).anySatisfy(item -> assertThat(item.values()).containsEntry("application", application)
                .containsEntry("annualIncome", "5000000").containsKeys("outcome", "bureauDelinquent", "paymentCapacity"));
        assertThat(items).anySatisfy(item -> assertThat(item.values()).containsEntry("application", application)
                .containsEntry("revolvingLimit", "2000000").containsEntry("cashAdvanceLimit", "500000"));
        assertThat(items).anySatisfy(item -> {
            assertThat(item.values()).containsEntry("proposal", p.proposal().id()).containsEntry("status", "PROPOSED");
            assertThat(item.textJa()).contains("利用枠の見直し");
            assertThat(item.textEn()).contains("Proposed limit review");
        });
    }

    private List<Map<String, Object>> audited(String resource, String action) {
        return jdbc.sql("SELECT actor, action, detail, outcome, purpose FROM audit_log WHERE resource = ? AND action = ? "
                + "ORDER BY seq").params(resource, action).query().listOfRows();
    }

    private MockHttpServletRequestBuilder decision(String id, String decision, String note, boolean confirmed) {
        MockHttpServletRequestBuilder request = post("/console/screening/proposals/" + id + "/decision").with(csrf())
                .param("decision", decision);
        if (note != null) {
            request = request.param("note", note);
        }
        return confirmed ? request.param("confirmed", "yes") : request;
    }

    @Test
    void anAnalystReadsTheProposalsByPseudonymousIdWithoutTheFormsAndCannotDecide() throws Exception {
        Proposed p = proposed();

        String list = page(get("/console/screening/proposals"), ANALYST);
        String one = page(get("/console/screening/proposals/" + p.proposal().id()), ANALYST);

        assertThat(list).contains("data-proposal=\"" + p.proposal().id() + "\"").contains(p.card().masked())
                .contains(p.customerId()).doesNotContain(p.name()).doesNotContain(p.card().token());
        assertThat(one).contains(p.customerId()).doesNotContain(p.name()).doesNotContain("id=\"accept\"")
                .doesNotContain("id=\"reject\"").contains("id=\"bureau-other-cash\"");
        assertThat(audited("customer/" + p.customerId(), "personal-data.read")).as("no name asked for").isEmpty();
        mvc.perform(decision(p.proposal().id(), "ACCEPT", null, true).with(ANALYST)).andExpect(status().isForbidden());
        mvc.perform(get("/console/screening/proposals").with(admin("admin-1"))).andExpect(status().isForbidden());
        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(GRANTED);
    }

    @Test
    void aCreditOfficerSeesTheCustomersNameReadForCreditManagement() throws Exception {
        Proposed p = proposed();

        String one = page(get("/console/screening/proposals/" + p.proposal().id()), CREDIT);

        assertThat(one).contains(p.name()).contains("id=\"accept\"").contains("id=\"reject\"")
                .contains("2,000,000円").contains(String.format(Locale.ROOT, "%,d円",
                        p.proposal().proposed().revolving()));
        List<Map<String, Object>> reads = jdbc.sql("SELECT actor, purpose FROM audit_log WHERE resource LIKE ? "
                + "AND actor = 'credit-1'").param("%" + p.customerId() + "%").query().listOfRows();
        assertThat(reads).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("PURPOSE", "CREDIT_MANAGEMENT"));
    }

    @Test
    void acceptingWithoutTheConfirmationIsRefusedOnTheServerAndChangesNothing() throws Exception {
        Proposed p = proposed();

        String page = mvc.perform(decision(p.proposal().id(), "ACCEPT", "見直し", false).with(CREDIT))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"accept-error\"").contains("見直し");
        assertThat(screenings.proposal(p.proposal().id()).orElseThrow().open()).isTrue();
        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(GRANTED);
    }

    @Test
    void acceptingLowersTheRecordedLimitsOnceAuditedAndARetryChangesNothing() throws Exception {
        Proposed p = proposed();
        String id = p.proposal().id();

        mvc.perform(decision(id, "ACCEPT", "収入減を確認", true).with(CREDIT))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console/screening/proposals/" + id))
                .andExpect(flash().attributeExists("done"));
        mvc.perform(decision(id, "ACCEPT", "収入減を確認", true).with(CREDIT)).andExpect(status().is3xxRedirection());

        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(p.proposal().proposed());
        LimitProposal accepted = screenings.proposal(id).orElseThrow();
        assertThat(accepted.status()).isEqualTo(ProposalStatus.ACCEPTED);
        assertThat(accepted.decision().decidedBy()).isEqualTo("credit-1");
        assertThat(accepted.decision().note()).isEqualTo("収入減を確認");
        assertThat(screenings.proposals(1000)).extracting(LimitProposal::id).doesNotContain(id);
        assertThat(screenings.decidedProposals(1000)).extracting(LimitProposal::id).contains(id);
        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_ACCEPTED)).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("ACTOR", "credit-1").containsEntry("OUTCOME", "SUCCESS");
            assertThat((String) entry.get("DETAIL")).contains("proposal=" + id)
                    .contains("revolving 2000000->" + p.proposal().proposed().revolving()).doesNotContain("収入減");
        });
        String shown = page(get("/console/screening/proposals/" + id), CREDIT);
        assertThat(shown).contains("id=\"decided-note\"").contains("収入減を確認").doesNotContain("id=\"accept\"");
    }

    @Test
    void aRejectionNeedsANoteKeepsTheLimitsAndStaysDecided() throws Exception {
        Proposed p = proposed();
        String id = p.proposal().id();

        mvc.perform(decision(id, "REJECT", " ", true).with(CREDIT)).andExpect(status().isUnprocessableContent());
        assertThat(screenings.proposal(id).orElseThrow().open()).isTrue();
        mvc.perform(decision(id, "REJECT", "延滞なし・収入証明を確認済み", true).with(CREDIT))
                .andExpect(status().is3xxRedirection());
        String again = mvc.perform(decision(id, "ACCEPT", null, true).with(CREDIT)).andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString();

        assertThat(again).contains("id=\"error\"");
        assertThat(screenings.proposal(id).orElseThrow().status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(GRANTED);
        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_REJECTED)).hasSize(1);
        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_ACCEPTED)).isEmpty();
    }

    @Test
    void twoOfficersAcceptingAtOnceMakeOneDecision() throws Exception {
        Proposed p = proposed();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LimitProposal>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String officer = "credit-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return screenings.acceptProposal(p.proposal().id(), officer, null);
                }));
            }
            go.countDown();
            for (var answer : answers) {
                assertThat(answer.get().status()).isEqualTo(ProposalStatus.ACCEPTED);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_ACCEPTED)).hasSize(1);
        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(p.proposal().proposed());
    }

    @Test
    void aNoteWithACardNumberIsNotKept() throws Exception {
        Proposed p = proposed();

        postAs(Role.CREDIT_OFFICER, "/api/v1/screening/proposals/" + p.proposal().id() + "/decision",
                Map.of("decision", "REJECT", "note", "カード 4111 1111 1111 1111 の件"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("note"));

        assertThat(screenings.proposal(p.proposal().id()).orElseThrow().open()).isTrue();
        // (the audit log is shared with other tests, whose details may hold a BIN or a masked number)
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%4111 1111 1111 1111%' "
                + "OR detail LIKE '%4111111111111111%'").query(Long.class).single()).isZero();
    }

    @Test
    void acceptingAProposalWhoseAccountsLimitsChangedSinceIsRefused() throws Exception {
        Proposed p = proposed();
        // The card was re-issued with other limits after the proposal was made.
        jdbc.sql("UPDATE screening_accounts SET revolving_limit = 1500000 WHERE card_token = ?")
                .param(p.card().token()).update();

        mvc.perform(decision(p.proposal().id(), "ACCEPT", null, true).with(CREDIT)).andExpect(status().isConflict());

        assertThat(screenings.proposal(p.proposal().id()).orElseThrow().open()).as("nothing kept").isTrue();
        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(new Limits(1_500_000, 500_000));
        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_ACCEPTED)).isEmpty();
    }

    @Test
    void theApiListsAndDecidesStrictlyWithProblems() throws Exception {
        Proposed p = proposed();
        String id = p.proposal().id();
        String path = "/api/v1/screening/proposals/" + id + "/decision";

        mvc.perform(get("/api/v1/screening/proposals?limit=1000").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == '" + id + "')].status").value("PROPOSED"));
        mvc.perform(get("/api/v1/screening/proposals?limit=0").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/v1/screening/proposals").header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isForbidden());
        postAs(Role.ANALYST, path, Map.of("decision", "ACCEPT")).andExpect(status().isForbidden());
        postAs(Role.CREDIT_OFFICER, path, "{\"decision\":\"ACCEPT\",\"notes\":\"x\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("notes"));
        postAs(Role.CREDIT_OFFICER, path, "{\"decision\":1}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("decision"));
        postAs(Role.CREDIT_OFFICER, path, "{}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("decision"));
        postAs(Role.CREDIT_OFFICER, path, "{\"decision\":\"REJECT\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        postAs(Role.CREDIT_OFFICER, "/api/v1/screening/proposals/nope/decision", Map.of("decision", "ACCEPT"))
                .andExpect(status().isNotFound());
        assertThat(screenings.proposal(id).orElseThrow().open()).isTrue();

        postAs(Role.CREDIT_OFFICER, path, Map.of("decision", "ACCEPT")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.proposed.revolving").value(p.proposal().proposed().revolving()));
        postAs(Role.CREDIT_OFFICER, path, Map.of("decision", "ACCEPT")).andExpect(status().isOk());
        postAs(Role.CREDIT_OFFICER, path, Map.of("decision", "REJECT", "note", "やはり維持"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"));

        assertThat(screenings.account(p.card().token()).orElseThrow().limits()).isEqualTo(p.proposal().proposed());
        assertThat(audited("card/" + p.card().token(), Screenings.ACTION_ACCEPTED)).hasSize(1);
    }

    @Test
    void runNowStartsARunInTheBackgroundAuditedAndIsRefusedWhileOneGoesOn() throws Exception {
        String application = "APP-" + UUID.randomUUID();
        bureau.assign(application, Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(application, null, FAMILY, GRANTED, "onboarding"));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        screenings.recordIssued(card, "c-" + UUID.randomUUID(), application, GRANTED, "onboarding");
        // The bureau answers this account only after the timeout: the run takes a few seconds.
        bureau.assign(application, Scenario.SLOW);
        clock.advance(MONTH_AND_A_DAY);
        String runId;
        try {
            var started = mvc.perform(post("/console/screening/runs").with(csrf()).with(CREDIT))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console/screening/runs"))
                    .andReturn().getFlashMap();
            runId = (String) started.get("startedRun");
            assertThat(runId).isNotNull();
            var refused = mvc.perform(post("/console/screening/runs").with(csrf()).with(CREDIT))
                    .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
            assertThat(refused.get("error")).isNotNull();
            String running = page(get("/console/screening/runs"), ANALYST);
            assertThat(running).contains("data-run=\"" + runId + "\"").doesNotContain("id=\"run-now\"");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (screenings.rescreeningRuns(100).stream().anyMatch(r -> runId.equals(r.runId()) && r.running())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated());
            bureau.assign(application, Scenario.CLEAN); // later runs in this context need not wait for it
        }
        mvc.perform(post("/console/screening/runs").with(csrf()).with(ANALYST)).andExpect(status().isForbidden());

        RescreeningStatus run = screenings.rescreeningRuns(100).stream().filter(r -> runId.equals(r.runId()))
                .findFirst().orElseThrow();
        assertThat(run.running()).isFalse();
        assertThat(run.startedBy()).isEqualTo("credit-1");
        assertThat(run.failures()).as("the slow bureau's account is given back").isGreaterThanOrEqualTo(1);
        assertThat(audited("screening/run/" + runId, Rescreening.ACTION_REQUESTED)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("ACTOR", "credit-1"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor = 'credit-1' AND outcome = 'DENIED'")
                .param(Rescreening.ACTION_REQUESTED).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        String shown = page(get("/console/screening/runs"), CREDIT);
        assertThat(shown).contains("data-run=\"" + runId + "\"").contains("credit-1").contains("id=\"run-now\"")
                .contains("id=\"runs-chart\"");
    }

    @Test
    void theApiTwinNeedsJson() throws Exception {
        mvc.perform(post("/api/v1/screening/proposals/x/decision").header("X-Api-Key", key(Role.CREDIT_OFFICER))
                .contentType(MediaType.TEXT_PLAIN).content("decision=ACCEPT"))
                .andExpect(status().isUnsupportedMediaType());
    }
}
