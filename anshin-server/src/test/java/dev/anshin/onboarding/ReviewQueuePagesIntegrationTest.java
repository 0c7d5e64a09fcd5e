package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.screening.Limits;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import dev.anshin.screening.Screenings;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The review queue's pages on the real modules: referred applications made through the service (no device
 * evidence, the bureau failing, a borderline face), listed oldest first with their main reason and filtered
 * by kind; the case page's evidence; a credit officer's approval within the screening's limits (a note, the
 * confirmation and the limits checked on the server; the card issued; audited; a retry answered as done; a
 * second decision refused) and decline; analysts reading without acting; other roles refused.
 */
class ReviewQueuePagesIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CREDIT = user("credit-1").roles(Role.CREDIT_OFFICER.name());
    private static final RequestPostProcessor OTHER_CREDIT = user("credit-2").roles(Role.CREDIT_OFFICER.name());
    private static final RequestPostProcessor ANALYST = user("analyst-1").roles(Role.ANALYST.name());

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    Screenings screenings;

    @Autowired
    JdbcClient jdbc;

    private ReferredApplications referred;

    @BeforeEach
    void fixture() {
        referred = new ReferredApplications(context, mvc, clock);
    }

    @Test
    void theQueueListsReferralsOldestFirstWithTheMainReasonAndFiltersByKind() throws Exception {
        Application noDevice = referred.withoutDevice(ReferredApplications.NAME);
        Application bureau = referred.bureauFailed("信用花子");

        String queue = page(get("/console/applications"), CREDIT);
        assertThat(queue).contains("data-application=\"" + noDevice.id() + "\"")
                .contains("data-application=\"" + bureau.id() + "\"");
        assertThat(queue.indexOf(noDevice.id())).as("oldest first").isLessThan(queue.indexOf(bureau.id()));
        assertThat(queue).contains("Webの申込みで機器情報がない").contains("審査で担当者確認").contains(ReferredApplications.NAME)
                .contains("ショッピング 300,000円").contains("期限内").contains("1営業日以内").contains("id=\"queue-chart\"");

        String screeningOnly = page(get("/console/applications").param("kind", "screening"), CREDIT);
        assertThat(screeningOnly).contains(bureau.id()).doesNotContain(noDevice.id());
        String deviceOnly = page(get("/console/applications").param("kind", "device"), CREDIT);
        assertThat(deviceOnly).contains(noDevice.id()).doesNotContain(bureau.id());
        String bad = mvc.perform(get("/console/applications").param("kind", "nonsense").with(CREDIT))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("f-kind-error").doesNotContain(noDevice.id());

        String english = page(get("/console/applications").param("lang", "en"), CREDIT);
        assertThat(english).contains("Referred applications").contains("Shopping ¥300,000");
    }

    @Test
    void analystsReadWithoutNamesOrFormsAndOtherRolesAreRefused() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        String queue = page(get("/console/applications"), ANALYST);
        assertThat(queue).contains(app.id()).doesNotContain(ReferredApplications.NAME).contains("閲覧のみ");
        String item = page(get("/console/applications/" + app.id()), ANALYST);
        assertThat(item).doesNotContain(ReferredApplications.NAME).doesNotContain("id=\"approve\"")
                .contains("閲覧のみ");
        mvc.perform(decision(app, "DECLINE").param("note", "x").param("confirmed", "yes").with(ANALYST))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/applications").with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/applications").with(admin("admin-1"))).andExpect(status().isForbidden());
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
    }

    @Test
    void aFraudSignalShowsItsWeightAndTheScoreInOnePairOfBrackets() throws Exception {
        Application second = referred.samePersonTwice(ReferredApplications.NAME, () -> { }).get(1);
        assertThat(second.decision().reasons()).contains(RiskReason.DUPLICATE_IDENTITY);

        String ja = page(get("/console/applications/" + second.id()), CREDIT);
        assertThat(ja).contains("（記録のみ、重み 5、不正スコア ").doesNotContain("（記録のみ（");
        String en = page(get("/console/applications/" + second.id()).param("lang", "en"), CREDIT);
        assertThat(en).contains("(noted only — weight 5; fraud score ").doesNotContain("(weight ");
    }

    @Test
    void theCaseShowsEveryPieceOfEvidenceSideBySide() throws Exception {
        Application app = referred.bureauFailed(ReferredApplications.NAME);
        String item = page(get("/console/applications/" + app.id()), CREDIT);
        assertThat(item).contains(ReferredApplications.NAME)
                // the device, known and clean
                .contains("id=\"device-clean\"").contains("id=\"device-applications\"")
                // eKYC: method he, scores, the document
                .contains("ヘ方式").contains(">0.97<").contains(">0.98<").contains("マイナンバーカード")
                // the bureau did not answer; the screening's figures
                .contains("id=\"bureau-none\"").contains("支払可能見込額").contains("生活維持費")
                .contains("id=\"fig-capacity\" class=\"amount\">3,230,000円<")
                .contains("id=\"fig-living\" class=\"amount\">1,770,000円<")
                .contains("id=\"fig-cap\" class=\"amount\">2,907,000円<")
                .contains("総量規制").contains("id=\"fig-room\" class=\"amount\">1,666,666円<")
                // the policy's reason and the history
                .contains("data-reason=\"SCREENING_REFERRED\"").contains("担当者へ回付").contains("id=\"approve\"");
        // The name was read for credit management, and that reading is in the audit log.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = 'credit-1' AND purpose = 'CREDIT_MANAGEMENT' "
                + "AND outcome = 'SUCCESS' AND resource = ?").param("customer/" + app.customerId())
                .query(Long.class).single()).isPositive();
        mvc.perform(get("/console/applications/APP-nothing").with(CREDIT)).andExpect(status().isNotFound());
    }

    @Test
    void anApprovalNeedsANoteTheConfirmationAndLimitsWithinTheScreeningThenIssuesTheCardOnce() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        String path = "/console/applications/" + app.id();

        String unconfirmed = refused(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                .param("note", "本人確認は合格"), 422);
        assertThat(unconfirmed).contains("approve-confirm-error").contains("確認のチェック");
        String noNote = refused(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                .param("confirmed", "yes"), 422);
        assertThat(noNote).contains("approve-note-error");
        String above = refused(decision(app, "APPROVE").param("revolving", "400000").param("cashAdvance", "0")
                .param("note", "本人確認は合格").param("confirmed", "yes"), 422);
        assertThat(above).contains("approve-revolving-error").contains("審査で認められる額（300,000円）を超えています")
                .contains("value=\"400000\"").contains("本人確認は合格");
        String letters = refused(decision(app, "APPROVE").param("revolving", "三十万").param("cashAdvance", "0")
                .param("note", "x").param("confirmed", "yes"), 422);
        assertThat(letters).contains("approve-revolving-error");
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(cards.issuedFor(app.id())).isEmpty();

        int formVersion = applications.find(app.id()).orElseThrow().version();
        MockHttpServletRequestBuilder approve = decision(app, "APPROVE").param("revolving", "200,000")
                .param("cashAdvance", "0").param("note", "端末なしだが本人確認・審査とも問題なし").param("confirmed", "yes");
        mvc.perform(approve.with(CREDIT)).andExpect(status().isFound()).andExpect(redirectedUrl(path))
                .andExpect(flash().attribute("done", "承認しました。カードが発行されました。"));
        Application issued = applications.find(app.id()).orElseThrow();
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().granted()).isEqualTo(new Limits(200_000, 0));
        assertThat(screenings.account(issued.issue().cardToken()).orElseThrow().limits())
                .isEqualTo(new Limits(200_000, 0));

        // The same post again (a double click, a reload): answered as done, nothing more happens.
        mvc.perform(post(path + "/decision").with(csrf()).param("decision", "APPROVE")
                        .param("version", Integer.toString(formVersion)).param("revolving", "200000")
                        .param("cashAdvance", "0").param("note", "端末なしだが本人確認・審査とも問題なし")
                        .param("confirmed", "yes").with(CREDIT))
                .andExpect(status().isFound()).andExpect(flash().attribute("done", "承認しました。カードが発行されました。"));
        assertThat(applications.find(app.id()).orElseThrow().version()).isEqualTo(issued.version());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.referral.approve' AND resource = ?")
                .param("application/" + app.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref = ?").param(app.id())
                .query(Long.class).single()).isEqualTo(1);

        // A second decision, by someone else or another kind: refused, saying who decided and when.
        String second = mvc.perform(decision(app, "DECLINE").param("note", "やはり否決").param("confirmed", "yes")
                        .with(OTHER_CREDIT)).andExpect(status().isConflict()).andReturn().getResponse()
                .getContentAsString();
        assertThat(second).contains("すでに判断済み").contains("承認：credit-1");
        String again = mvc.perform(decision(app, "APPROVE").param("revolving", "200000").param("cashAdvance", "0")
                        .param("note", "x").param("confirmed", "yes").with(OTHER_CREDIT))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("すでに判断済み");
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);

        // The case afterwards: granted limits, the staff note in the history, no forms.
        String after = page(get(path), CREDIT);
        assertThat(after).contains("id=\"granted\"").contains("200,000円").contains("端末なしだが本人確認・審査とも問題なし")
                .contains("id=\"closed\"").doesNotContain("id=\"approve-button\"");
    }

    @Test
    void aDeclineIsRecordedWithItsNoteAndLeavesTheQueue() throws Exception {
        Application app = referred.borderlineFace(ReferredApplications.NAME);
        assertThat(app.decision().reasons()).contains(RiskReason.IDENTITY_REVIEW);
        String item = page(get("/console/applications/" + app.id()), CREDIT);
        assertThat(item).contains("顔照合").contains(">0.74<");
        String unconfirmed = refused(decision(app, "DECLINE").param("note", "顔写真が一致しない"), 422);
        assertThat(unconfirmed).contains("decline-confirm-error");

        mvc.perform(decision(app, "DECLINE").param("note", "顔写真が一致しない").param("confirmed", "yes").with(CREDIT))
                .andExpect(status().isFound()).andExpect(flash().attribute("done", "否決しました。"));
        Application declined = applications.find(app.id()).orElseThrow();
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).contains(RiskReason.STAFF_DECISION);
        assertThat(cards.issuedFor(app.id())).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.referral.decline' AND resource = ?")
                .param("application/" + app.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(page(get("/console/applications"), CREDIT)).doesNotContain(app.id());
        assertThat(page(get("/console/applications/" + app.id()), CREDIT)).contains("顔写真が一致しない");
    }

    @Test
    void anApprovalTheScreeningCannotBackIsRefusedClearlyAndLaterGrantedWithinTheNewScreening() throws Exception {
        Application app = referred.bureauFailed(ReferredApplications.NAME);
        referred.bureauAnswers(app.id() + ".2", Scenario.FAILURE);
        String refused = refused(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                .param("note", "収入証明を確認").param("confirmed", "yes"), 409);
        assertThat(refused).contains("再審査の結果、いまは枠を付与できません").contains("id=\"rescreenings\"");
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);

        // The bureau answers the next attempt: limits above what that screening allows are a field error…
        referred.bureauAnswers(app.id() + ".3", Scenario.CLEAN);
        String above = refused(decision(app, "APPROVE").param("revolving", "5000000").param("cashAdvance", "0")
                .param("note", "収入証明を確認").param("confirmed", "yes"), 422);
        assertThat(above).contains("approve-revolving-error");
        // …and within them the card is issued.
        mvc.perform(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                .param("note", "収入証明を確認").param("confirmed", "yes").with(CREDIT)).andExpect(status().isFound());
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);
    }

    @Test
    void aCashAdvanceNeedingAProofOfIncomeIsApprovedOnlyWithTheProofTicked() throws Exception {
        Application app = referred.withCashAdvance(ReferredApplications.NAME, "600000");
        assertThat(app.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(page(get("/console/applications/" + app.id()), CREDIT)).contains("id=\"approve-income-proof\"")
                .contains("収入証明（源泉徴収票・確定申告書など）を確認しました");
        referred.bureauAnswers(app.id() + ".2", Scenario.CLEAN);
        String unticked = refused(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "600000")
                .param("note", "在籍確認済み").param("confirmed", "yes"), 422);
        assertThat(unticked).contains("approve-income-proof-error").contains("審査が収入証明を求めています");
        assertThat(screenings.find(app.id() + ".2")).isEmpty();
        mvc.perform(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "600000")
                .param("note", "源泉徴収票を確認").param("incomeProof", "yes").param("confirmed", "yes").with(CREDIT))
                .andExpect(status().isFound());
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'onboarding.referral.approve' AND resource = ?")
                .param("application/" + app.id()).query(String.class).single()).contains("incomeProofSeen=true");
    }

    @Test
    void theApprovalFormOffersWhatWasAskedCappedAtWhatAReferringScreeningAllows() throws Exception {
        // 1,800,000 asked on an income of 5,000,000: above the third of income (総量規制) and needing a proof of
        // income, so the screening referred; its figures still say what it allows.
        Application app = referred.withCashAdvance(ReferredApplications.NAME, "1800000");
        assertThat(app.status()).isEqualTo(ApplicationStatus.REFERRED);
        long allowed = screenings.find(app.id()).orElseThrow().figures().allowed().cashAdvance();
        assertThat(allowed).isLessThan(1_800_000);

        String page = page(get("/console/applications/" + app.id()), CREDIT);

        assertThat(page).containsPattern("id=\"approve-cash\"[^>]*value=\"" + allowed + "\"")
                .containsPattern("id=\"approve-revolving\"[^>]*value=\"300000\"");
    }

    @Test
    void anIdentityNotPassedIsRefusedWithItsOwnWordsAndNothingIsIssued() throws Exception {
        Application app = referred.borderlineFace(ReferredApplications.NAME);
        String refused = refused(decision(app, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                .param("note", "顔写真は本人に見える").param("confirmed", "yes"), 409);
        assertThat(refused).contains("本人確認が完了していないため承認できません");
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(cards.issuedFor(app.id())).isEmpty();
    }

    @Test
    void aReferralPastItsTargetIsMarkedOverdueAndCounted() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        clock.advance(Duration.ofDays(5)); // past one business day whatever the weekday
        try {
            String queue = page(get("/console/applications"), CREDIT);
            assertThat(queue).contains("id=\"overdue-count\"")
                    .containsPattern("data-application=\"" + app.id() + "\" data-kind=\"DEVICE\" data-standing=\"OVERDUE\"")
                    .contains("5日0時間");
            assertThat(page(get("/console/applications/" + app.id()), CREDIT)).contains("data-standing=\"OVERDUE\"")
                    .contains("期限超過");
        } finally {
            clock.advance(Duration.ofDays(5).negated()); // the context's clock is shared: give it back
        }
    }

    @Test
    void aReferralAfterRepeatedTechnicalErrorsIsListedAsOtherAndCanStillBeApproved() throws Exception {
        Duration moved = Duration.ZERO;
        applications.afterCardIssued = () -> {
            throw new IllegalStateException("the card issuer is down");
        };
        try {
            Application errored = referred.clean(ReferredApplications.NAME);
            assertThat(errored.status()).isEqualTo(ApplicationStatus.ERRORED);
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(1));
                moved = moved.plus(Duration.ofMinutes(1));
                applications.recover();
            }
            assertThat(applications.find(errored.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
            applications.afterCardIssued = () -> { };

            String other = page(get("/console/applications").param("kind", "other"), CREDIT);
            assertThat(other).contains("data-application=\"" + errored.id() + "\" data-kind=\"OTHER\"")
                    .contains("技術的なエラーが続いたため担当者に回付");
            assertThat(page(get("/console/applications").param("kind", "identity"), CREDIT)).doesNotContain(errored.id());
            assertThat(page(get("/console/applications/" + errored.id()), CREDIT)).contains("id=\"technical\"")
                    .contains("工程 カード発行、3回試行");
            mvc.perform(decision(errored, "APPROVE").param("revolving", "300000").param("cashAdvance", "0")
                    .param("note", "発行系の障害は復旧済み").param("confirmed", "yes").with(CREDIT)).andExpect(status().isFound());
            Application issued = applications.find(errored.id()).orElseThrow();
            assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref = ?").param(errored.id())
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            applications.afterCardIssued = () -> { };
            clock.advance(moved.negated()); // the context's clock is shared: give it back
        }
    }

    @Test
    void reviewTargetIsShownInEnglishToo() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        String item = page(get("/console/applications/" + app.id()).locale(Locale.ENGLISH).param("lang", "en"), CREDIT);
        assertThat(item).contains("Referred application").contains("Payment capacity").contains("On time")
                .contains("A web application without device evidence");
    }

    private MockHttpServletRequestBuilder decision(Application app, String decision) {
        return post("/console/applications/" + app.id() + "/decision").with(csrf()).param("decision", decision)
                .param("version", Integer.toString(applications.find(app.id()).orElseThrow().version()));
    }

    private String refused(MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request.with(CREDIT)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString();
    }

    @Test
    void aReferralDecidedBeforeTheFraudScoreShowsTheWeakSignalItWasReferredFor() throws Exception {
        Application app = referred.withoutDevice("旧規則");
        assertThat(app.decision().policy()).isEqualTo(ApplicationRiskPolicy.VERSION);
        // Stored the old way (before V47): one weak duplicate referred on its own, and no rules recorded.
        jdbc.sql("UPDATE applications SET reasons = 'DUPLICATE_PHONE', decision_policy = NULL WHERE id = ?")
                .param(app.id()).update();
        Application old = applications.find(app.id()).orElseThrow();
        assertThat(old.decision().policy()).isEqualTo(ApplicationRiskPolicy.Version.BEFORE_FRAUD_SCORE);
        assertThat(old.decision().referring()).containsExactly(RiskReason.DUPLICATE_PHONE);
        assertThat(ReasonKind.main(old)).isEqualTo(ReasonKind.DUPLICATE);
        assertThat(page(get("/console/applications").param("kind", "duplicate"), CREDIT)).contains(app.id());
    }
}
