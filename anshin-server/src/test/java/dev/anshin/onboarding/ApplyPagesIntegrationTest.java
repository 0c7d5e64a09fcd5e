package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.screening.Limits;
import dev.anshin.screening.SandboxCreditBureau;
import jakarta.servlet.http.Cookie;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.anshin.ekyc.SandboxVendorResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The {@code /apply} pages through MockMvc: a draft kept by its cookie only, problems next to their
 * fields with what was typed kept, CSRF required, another applicant's application not reachable, the
 * review carrying the device collector, and the way to the eKYC vendor.
 */
class ApplyPagesIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Applications applications;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    ApplicationContext context;

    private Cookie cookie;
    private String id;

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        if (cookie != null) {
            request.cookie(cookie);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private void begin(String lang) throws Exception {
        MockHttpServletResponse started = perform(post("/apply").param("lang", lang).with(csrf())
                .with(RemoteAddresses.from(RemoteAddresses.fresh())));
        assertThat(started.getStatus()).isEqualTo(302);
        cookie = started.getCookie(ApplyPages.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/apply");
        id = started.getRedirectedUrl().replaceAll("^/apply/([^/]+)/about-you$", "$1");
        assertThat(id).startsWith("APP-");
    }

    private MockHttpServletResponse save(String step, Map<String, String> values) throws Exception {
        MockHttpServletRequestBuilder request = post("/apply/" + id + "/" + step).with(csrf());
        values.forEach(request::param);
        return perform(request);
    }

    @Test
    void theStartPageIsPublicInBothLanguages() throws Exception {
        MockHttpServletResponse ja = perform(get("/apply"));
        assertThat(ja.getStatus()).isEqualTo(200);
        assertThat(ja.getContentAsString()).contains("カードのお申し込み").contains("name=\"_csrf\"");
        assertThat(perform(get("/apply").param("lang", "en")).getContentAsString()).contains("Apply for a card");
    }

    @Test
    void aProblemIsShownNextToItsFieldAndNothingTypedIsLost() throws Exception {
        begin("ja");
        Map<String, String> about = new java.util.HashMap<>(ApplicationFormTest.aboutYou());
        about.put("dateOfBirth", "2099-01-01");
        about.put("nameKana", "Anshin");
        MockHttpServletResponse refused = save("about-you", about);
        assertThat(refused.getStatus()).isEqualTo(422);
        String page = refused.getContentAsString();
        assertThat(page).contains("id=\"dateOfBirth-error\"").contains("未来の日付は入力できません")
                .contains("id=\"nameKana-error\"").contains("全角カタカナで入力してください")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"2099-01-01\"").contains("value=\"Anshin\"").contains("value=\"申込太郎\"")
                .contains("href=\"#dateOfBirth\"");
        assertThat(applications.find(id).orElseThrow().customerId()).isNull();

        assertThat(save("about-you", ApplicationFormTest.aboutYou()).getRedirectedUrl())
                .isEqualTo("/apply/" + id + "/work-and-money");
        // Back on the first step later: the saved values are in the form again.
        assertThat(perform(get("/apply/" + id + "/about-you")).getContentAsString()).contains("value=\"申込太郎\"")
                .contains("value=\"taro@example.jp\"");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        begin("ja");
        MockHttpServletRequestBuilder request = post("/apply/" + id + "/about-you");
        ApplicationFormTest.aboutYou().forEach(request::param);
        MockHttpServletResponse refused = perform(request);
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(refused.getContentAsString()).contains("\"type\":\"https://anshin.dev/problems/forbidden\"")
                .doesNotContain("\"timestamp\"");
        assertThat(applications.find(id).orElseThrow().steps()).isEmpty();
    }

    @Test
    void aFormSentAfterItsSessionEndedLeadsABrowserBackToTheApplication() throws Exception {
        begin("en");
        MockHttpServletRequestBuilder request = post("/apply/" + id + "/about-you").accept(MediaType.TEXT_HTML);
        ApplicationFormTest.aboutYou().forEach(request::param);
        MockHttpServletResponse refused = perform(request);
        assertThat(refused.getStatus()).isEqualTo(303);
        assertThat(refused.getHeader("Location")).isEqualTo("/apply/expired");
        assertThat(applications.find(id).orElseThrow().steps()).isEmpty();
        String page = perform(get("/apply/expired").param("lang", "en")).getContentAsString();
        assertThat(page).contains("This page was open too long").contains("href=\"/apply/" + id + "/about-you\"")
                .doesNotContain("administrator");
        cookie = null;
        assertThat(perform(get("/apply/expired")).getContentAsString()).contains("ページを開いてから時間がたちすぎました")
                .contains("href=\"/apply\"").doesNotContain("id=\"resume\"");
        assertThat(perform(post("/apply").accept(MediaType.TEXT_HTML)).getHeader("Location")).isEqualTo("/apply/expired");
    }

    @Test
    void submittingWithAStepMissingShowsThatStepSayingToCompleteItFirst() throws Exception {
        begin("ja");
        save("about-you", ApplicationFormTest.aboutYou());
        // A stale tab or the back button: the application refuses the submission (422), and the person is shown
        // the first step not saved, with what is to be done, not a generic error page.
        MockHttpServletResponse page = perform(post("/apply/" + id + "/submit").with(csrf())
                .accept(MediaType.TEXT_HTML));
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString()).contains("id=\"incomplete\"")
                .contains("「お勤め先と収入」がまだ保存されていません。")
                .contains("action=\"/apply/" + id + "/work-and-money\"").doesNotContain("\"type\"");
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.DRAFT);
        // A program still gets the problem.
        MockHttpServletResponse problem = perform(post("/apply/" + id + "/submit").with(csrf())
                .accept(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void anotherApplicantsApplicationIsNotReachableWithoutItsCookie() throws Exception {
        begin("ja");
        String mine = id;
        save("about-you", ApplicationFormTest.aboutYou());
        cookie = null;
        assertThat(perform(get("/apply/" + mine + "/about-you")).getStatus()).isEqualTo(404);
        begin("ja");
        assertThat(perform(get("/apply/" + mine + "/work-and-money")).getStatus()).isEqualTo(404);
        assertThat(perform(get("/apply/" + mine + "/decision")).getStatus()).isEqualTo(404);
    }

    @Test
    void theReviewCarriesTheCollectorAndSubmittingLeadsToTheVendor() throws Exception {
        begin("en");
        bureau.assign(id, SandboxCreditBureau.Scenario.CLEAN);
        save("about-you", ApplicationFormTest.aboutYou());
        save("work-and-money", ApplicationFormTest.workAndMoney());
        assertThat(save("limits", ApplicationFormTest.limits()).getRedirectedUrl()).isEqualTo("/apply/" + id + "/review");
        String review = perform(get("/apply/" + id + "/review")).getContentAsString();
        assertThat(review).contains("data-anshin-device").contains("src=\"/device/collector.js\"")
                .contains("taro@example.jp").contains("賃貸（家賃を支払っている）").contains("300,000円")
                .contains("5,000,000円").doesNotContain("300000");
        assertThat(perform(get("/apply/" + id + "/review").param("lang", "en")).getContentAsString())
                .contains("¥300,000").contains("¥5,000,000");
        MockHttpServletResponse submitted = perform(post("/apply/" + id + "/submit").with(csrf())
                .param("deviceObservation", ""));
        assertThat(submitted.getRedirectedUrl()).contains("/sandbox/ekyc/");
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.IDENTITY_PENDING);
        // Back from the vendor before a result: still working on it.
        assertThat(perform(get("/apply/" + id + "/identity")).getRedirectedUrl()).isEqualTo("/apply/" + id + "/decision");
        assertThat(perform(get("/apply/" + id + "/decision")).getContentAsString()).contains("id=\"working\"");
        // The steps can no longer be changed.
        assertThat(save("about-you", ApplicationFormTest.aboutYou()).getStatus()).isEqualTo(302);
    }

    @Test
    void oneAddressStartsOnlySoManyApplications() throws Exception {
        String address = RemoteAddresses.fresh();
        for (int i = 0; i < 10; i++) {
            assertThat(perform(post("/apply").with(csrf()).with(RemoteAddresses.from(address))).getStatus())
                    .isEqualTo(302);
        }
        MockHttpServletResponse refused = perform(post("/apply").with(csrf()).with(RemoteAddresses.from(address)));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(perform(post("/apply").with(csrf()).with(RemoteAddresses.from(RemoteAddresses.fresh())))
                .getStatus()).isEqualTo(302);
    }

    @Test
    void aResumeTokenIsNoLinkAndAnUnknownLinkSaysItNoLongerWorks() throws Exception {
        // The cookie's token never works as a link (someone could send their own draft to a victim and read
        // back what the victim typed): only a partner's setup link does, after the applicant's check
        // (ApplicationIntegrityIntegrationTest).
        Applications.Started started = applications.startDraft("ja");
        MockHttpServletResponse resumed = perform(get("/apply/resume/" + started.resumeToken()));
        assertThat(resumed.getStatus()).isEqualTo(404);
        assertThat(resumed.getCookie(ApplyPages.COOKIE)).isNull();
        MockHttpServletResponse unknown = perform(get("/apply/resume/not-a-token").param("lang", "en"));
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).contains("This link no longer works");
    }

    @Test
    void aBrowserGetsTheErrorPageNotJsonAndAScriptStillGetsAProblem() throws Exception {
        begin("ja");
        String mine = id;
        cookie = null;
        MockHttpServletResponse page = perform(get("/apply/" + mine + "/decision").accept(MediaType.TEXT_HTML));
        assertThat(page.getStatus()).isEqualTo(404);
        // Sent to the container's error dispatch (the site's error page), not written as a problem.
        assertThat(page.isCommitted()).isTrue();
        assertThat(page.getContentType()).isNull();
        assertThat(page.getContentAsString()).isEmpty();
        MockHttpServletResponse script = perform(get("/apply/" + mine + "/decision").accept(MediaType.APPLICATION_JSON));
        assertThat(script.getStatus()).isEqualTo(404);
        assertThat(script.getContentType()).isEqualTo("application/problem+json");
        // The project's problem, with its stable type, as every other 404.
        assertThat(json.readTree(script.getContentAsString()).get("type").asText())
                .isEqualTo("https://anshin.dev/problems/not-found");

        String address = RemoteAddresses.fresh();
        for (int i = 0; i < 10; i++) {
            perform(post("/apply").with(csrf()).with(RemoteAddresses.from(address)));
        }
        MockHttpServletResponse tooMany = perform(post("/apply").with(csrf()).with(RemoteAddresses.from(address))
                .accept(MediaType.TEXT_HTML));
        assertThat(tooMany.getStatus()).isEqualTo(429);
        assertThat(tooMany.isCommitted()).isTrue();
        assertThat(tooMany.getContentType()).isNull();
        assertThat(tooMany.getHeader("Retry-After")).isNotBlank();
        MockHttpServletResponse limited = perform(post("/apply").with(csrf()).with(RemoteAddresses.from(address))
                .accept(MediaType.APPLICATION_JSON));
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(json.readTree(limited.getContentAsString()).get("type").asText())
                .isEqualTo("https://anshin.dev/problems/rate-limited");
    }

    /** Through the pages, a fresh person (or the same one again), submitted without device evidence, eKYC as given. */
    private String decided(Map<String, String> about, SandboxCreditBureau.Scenario bureauSays,
            SandboxVendorResults.Seen seen) throws Exception {
        return decided(about, ApplicationFormTest.workAndMoney(), ApplicationFormTest.limits(), bureauSays, seen);
    }

    private String decided(Map<String, String> about, Map<String, String> work, Map<String, String> limits,
            SandboxCreditBureau.Scenario bureauSays, SandboxVendorResults.Seen seen) throws Exception {
        begin("ja");
        bureau.assign(id, bureauSays);
        save("about-you", about);
        save("work-and-money", work);
        save("limits", limits);
        perform(post("/apply/" + id + "/submit").with(csrf()).param("deviceObservation", ""));
        Application pending = applications.find(id).orElseThrow();
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(), seen))
                .isEqualTo(200);
        applications.progress(id);
        for (int i = 0; i < 100 && !applications.find(id).orElseThrow().status().closed()
                && applications.find(id).orElseThrow().status() != ApplicationStatus.REFERRED; i++) {
            Thread.sleep(50);
        }
        return perform(get("/apply/" + id + "/decision")).getContentAsString();
    }

    private static Map<String, String> freshPerson() {
        String digits = String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        Map<String, String> about = new java.util.HashMap<>(ApplicationFormTest.aboutYou());
        StringBuilder kana = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            kana.append((char) ('ア' + java.util.concurrent.ThreadLocalRandom.current().nextInt(40)));
        }
        about.put("nameKana", kana + "　タロウ");
        about.put("phone", "090-" + digits.substring(0, 4) + "-" + digits.substring(4));
        about.put("email", "d" + digits + "@example.jp");
        return about;
    }

    private static int count(String page, String sentence) {
        return page.split(java.util.regex.Pattern.quote(sentence), -1).length - 1;
    }

    @Test
    void aReferralSaysEachSentenceOnceAndNeverWhichDatumMatched() throws Exception {
        Map<String, String> person = freshPerson();
        decided(person, SandboxCreditBureau.Scenario.CLEAN, SandboxVendorResults.Seen.PASS);
        String page = decided(person, SandboxCreditBureau.Scenario.CLEAN, SandboxVendorResults.Seen.PASS);
        Application second = applications.find(id).orElseThrow();
        assertThat(second.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(second.decision().reasons()).contains(RiskReason.NO_DEVICE_EVIDENCE, RiskReason.DUPLICATE_PHONE,
                RiskReason.DUPLICATE_EMAIL, RiskReason.DUPLICATE_IDENTITY);
        assertThat(page).contains("id=\"referred\"").contains("担当者が次のことを確認します。")
                .contains("このあとの流れ").contains("結果は通常");
        // The device and the duplicates: one plain "your application's details", naming no signal.
        assertThat(count(page, "お申し込み内容（ご入力いただいた内容）。")).isEqualTo(1);
        assertThat(page).doesNotContain("電話番号での").doesNotContain("メールアドレスでの").doesNotContain("同じ方")
                .doesNotContain("機器").doesNotContain("重複");
        // The staff decision's notice will go to the applicant: in the sandbox, their inbox is linked.
        assertThat(page).contains("id=\"open-sandbox-inbox\"").contains("href=\"/sandbox/inbox/");
    }

    @Test
    void aReferralForProofOfIncomeSaysWhichDocumentAndWhatHappensNext() throws Exception {
        Map<String, String> limits = ApplicationFormTest.limits();
        limits.put("requestedCashAdvance", "600000");
        String page = decided(freshPerson(), ApplicationFormTest.workAndMoney(), limits,
                SandboxCreditBureau.Scenario.CLEAN, SandboxVendorResults.Seen.PASS);
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(page).contains("収入の確認：").contains("源泉徴収票").contains("提出方法をメールでご案内します")
                .contains("お申し込み内容（ご入力いただいた内容）。")
                // the policy's summary of the screening gives way to the screening's own ground
                .doesNotContain("審査：担当者が審査を続けます");
    }

    @Test
    void anApprovalAfterReferralShowsOnlyTheApprovalAndTheStartPageSaysStaffDecided() throws Exception {
        decided(freshPerson(), SandboxCreditBureau.Scenario.CLEAN, SandboxVendorResults.Seen.PASS);
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        applications.decideReferral(id, true, new Limits(300_000, 0), false,
                new dev.anshin.privacy.Actor("credit-pages", java.util.Set.of(dev.anshin.access.Role.CREDIT_OFFICER),
                        "test"), null);
        for (int i = 0; i < 100 && applications.find(id).orElseThrow().status() != ApplicationStatus.ISSUED; i++) {
            applications.progress(id);
            Thread.sleep(50);
        }
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);
        String page = perform(get("/apply/" + id + "/decision")).getContentAsString();
        assertThat(page).contains("id=\"approved\"").contains("id=\"activation-code\"")
                .doesNotContain("担当者が確認").doesNotContain("お申し込み内容（ご入力いただいた内容）").doesNotContain("id=\"notes\"");
        // The link to the portal carries the code in its fragment, never in a query the browser would send.
        assertThat(page).containsPattern("href=\"/portal/activate#code=[A-Z0-9-]+&amp;next=/portal/new-card/" + id + "\"");
        assertThat(perform(get("/apply")).getContentAsString()).contains("id=\"decided-notice\"")
                .contains("担当者の確認の結果、承認されました");
    }

    @Test
    void aDeclineForIdentityGivesOnlyItsReasonAndNoBureauAdvice() throws Exception {
        String page = decided(freshPerson(), SandboxCreditBureau.Scenario.CLEAN, SandboxVendorResults.Seen.FACE_MISMATCH);
        Application declined = applications.find(id).orElseThrow();
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).contains(RiskReason.IDENTITY_FAILED);
        assertThat(page).contains("id=\"declined\"").contains("ご本人であることを確認できませんでした。")
                .doesNotContain("担当者が確認").doesNotContain("CIC").doesNotContain("id=\"bureau-disclosure\"");
        // The advice follows what declined: the identity, not the credit.
        assertThat(page).contains("サポート窓口").doesNotContain("6か月後").doesNotContain("収入が変わった");
    }

    @Test
    void aLowIncomeDeclineSaysOnlyWhatDeclined() throws Exception {
        Map<String, String> work = ApplicationFormTest.workAndMoney();
        work.put("annualIncome", "1000000");
        work.put("householdSize", "4");
        String page = decided(freshPerson(), work, ApplicationFormTest.limits(), SandboxCreditBureau.Scenario.CLEAN,
                SandboxVendorResults.Seen.PASS);
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(page).contains("id=\"declined\"").contains("最低のご利用枠をご用意できませんでした")
                .contains("6か月後").doesNotContain("ショッピング枠をご希望より低くしました")
                .doesNotContain("担当者が確認");
    }

    @Test
    void aDeclineByTheScreeningNamesTheBureauOnce() throws Exception {
        String page = decided(freshPerson(), SandboxCreditBureau.Scenario.DELINQUENT, SandboxVendorResults.Seen.PASS);
        Application declined = applications.find(id).orElseThrow();
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(page).contains("id=\"bureau-disclosure\"").contains("信用情報の確認結果により")
                .contains("6か月後")
                .doesNotContain("担当者が確認").doesNotContain("審査の結果、今回はカードを発行できません。");
        assertThat(count(page, "CIC")).isEqualTo(2);
    }

    @Test
    void theFormTakesDatesAndKanaAsPeopleWriteThemAndSaysWhatIsWrongWithAnEmail() throws Exception {
        begin("ja");
        Map<String, String> about = new java.util.HashMap<>(ApplicationFormTest.aboutYou());
        about.put("dateOfBirth", "1985/2/30");
        about.put("nameKana", "もうしこみ　たろう");
        about.put("email", "taro@example");
        MockHttpServletResponse refused = save("about-you", about);
        assertThat(refused.getStatus()).isEqualTo(422);
        String page = refused.getContentAsString();
        // Not a real date: refused, as typed; the kana converted and accepted; the e-mail's problem named.
        assertThat(page).contains("id=\"dateOfBirth-error\"").contains("value=\"1985/2/30\"")
                .doesNotContain("id=\"nameKana-error\"").contains("value=\"モウシコミ　タロウ\"")
                .contains("「@」の後のドメインが不完全です");
        about.put("dateOfBirth", "１９８５／４／１");
        about.put("email", "taro@example.jp");
        assertThat(save("about-you", about).getRedirectedUrl()).isEqualTo("/apply/" + id + "/work-and-money");
        assertThat(perform(get("/apply/" + id + "/about-you")).getContentAsString())
                .contains("value=\"1985-04-01\"").contains("value=\"モウシコミ　タロウ\"");
        // Steps 2 and 3 lead back; step 1 has nowhere to go back to.
        assertThat(perform(get("/apply/" + id + "/work-and-money")).getContentAsString())
                .contains("id=\"back\" href=\"/apply/" + id + "/about-you\"");
        save("work-and-money", ApplicationFormTest.workAndMoney());
        assertThat(perform(get("/apply/" + id + "/limits")).getContentAsString())
                .contains("id=\"back\" href=\"/apply/" + id + "/work-and-money\"");
        assertThat(perform(get("/apply/" + id + "/about-you")).getContentAsString()).doesNotContain("id=\"back\"");
    }

    @Test
    void theLimitsProblemsSayTheFiguresAndBlankRepaymentsCountAsZero() throws Exception {
        begin("ja");
        save("about-you", ApplicationFormTest.aboutYou());
        Map<String, String> work = ApplicationFormTest.workAndMoney();
        work.put("annualCreditRepayments", "");
        assertThat(save("work-and-money", work).getRedirectedUrl()).isEqualTo("/apply/" + id + "/limits");
        assertThat(perform(get("/apply/" + id + "/work-and-money")).getContentAsString())
                .contains("id=\"annualCreditRepayments\"").contains("value=\"0\"");
        Map<String, String> limits = ApplicationFormTest.limits();
        limits.put("requestedRevolving", "50000");
        limits.put("requestedCashAdvance", "15000");
        String page = save("limits", limits).getContentAsString();
        assertThat(page).contains("ご希望のショッピング枠が最低額（100,000円）を下回っています")
                .contains("10,000円単位で入力してください");
        String english = perform(post("/apply/" + id + "/limits").param("lang", "en").with(csrf())
                .param("requestedRevolving", "50000").param("requestedCashAdvance", "15000").param("consent", "true"))
                .getContentAsString();
        assertThat(english).contains("below the lowest we offer (100,000 yen)").contains("a multiple of 10,000 yen");
    }

    @Test
    void theLanguageSwitchShowsWhatWasTypedAgainWithoutSavingIt() throws Exception {
        begin("ja");
        String step = perform(get("/apply/" + id + "/about-you")).getContentAsString();
        assertThat(step).contains("data-redisplay=\"/apply/" + id + "/about-you/shown\"")
                .contains("src=\"/apply/assets/language.js\"");
        MockHttpServletResponse shown = perform(post("/apply/" + id + "/about-you/shown").param("lang", "en")
                .with(csrf()).param("nameKanji", "申込花子").param("email", "not-yet"));
        assertThat(shown.getStatus()).isEqualTo(200);
        assertThat(shown.getContentAsString()).contains("About you").contains("value=\"申込花子\"")
                .contains("value=\"not-yet\"").doesNotContain("id=\"error-summary\"");
        assertThat(applications.find(id).orElseThrow().steps()).isEmpty();
        assertThat(perform(get("/apply/" + id + "/about-you/shown")).getRedirectedUrl())
                .isEqualTo("/apply/" + id + "/about-you");
        cookie = null;
        assertThat(perform(post("/apply/" + id + "/about-you/shown").with(csrf())).getStatus()).isEqualTo(404);
    }
}
