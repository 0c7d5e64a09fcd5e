package dev.anshin.onboarding;

import static dev.anshin.HeadlessChromium.click;
import static dev.anshin.HeadlessChromium.scrollTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.DeviceObservations;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.ekyc.EkycStatus;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.site.PhoneLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * eKYC referrals finished in Chromium, at a phone's size (390 × 844) and a desktop's (1280 × 900), in Japanese
 * and English, every page checked by {@link PhoneLayout} (no overflow, tappable buttons, axe): an applicant whose
 * face match is borderline is referred, the sandbox vendor's reviewer confirms on its review page, and a credit
 * officer then approves; an applicant whose document had expired verifies again from the decision page and is
 * decided; a credit officer confirms one identity in review and rejects another, each with a note, the empty form
 * refused next to its fields. The applicants are made in the browser (their cookie) and their steps saved through
 * {@link Applications}, with a device observation of their own (the collector is {@code ApplyBrowserIntegrationTest}'s).
 * Screenshots in target/screenshots/identity-*.png. Same context as {@code ReviewQueueBrowserIntegrationTest};
 * skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class IdentityPagesBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    EkycVerifications ekyc;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    JsonMapper json;

    @Autowired
    MovableClock clock;

    private WebDriverWait wait;
    private MockMvc mvc;
    private final List<String> problems = new ArrayList<>();

    IdentityPagesBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        // Set again: headless Chromium opens its window no narrower than 500 px, whatever --window-size said.
        browser.manage().window().setSize(new Dimension(390, 844));
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void aBorderlineFaceIsReferredTheVendorsReviewerConfirmsItAndACreditOfficerApproves() throws Exception {
        String id = submittedInTheBrowser("境界花子");
        String first = verifyAtTheSandbox(id, "BORDERLINE_FACE");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("referred")));
        assertThat(browser.findElements(By.id("identity-retry"))).as("a review is not the applicant's to redo").isEmpty();
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        check("identity-referred-phone", "decision (borderline face)");

        // The sandbox's page again: finished, with the link to the vendor's reviewer.
        browser.get(url("/sandbox/ekyc/" + first));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finished")));
        check("identity-sandbox-done-phone", "sandbox done (in review)");
        click(browser, "vendor-review");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-confirm-button")));
        assertThat(browser.findElement(By.id("review-face")).getText()).isEqualTo("0.74");
        check("identity-sandbox-review-phone", "sandbox review");
        click(browser, "review-confirm-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-sent")));
        assertThat(browser.findElements(By.id("review-confirm-button"))).isEmpty();
        assertThat(browser.findElement(By.id("review-none")).isDisplayed()).isTrue();
        check("identity-sandbox-reviewed-phone", "sandbox review (sent)");
        assertThat(ekyc.find(first).orElseThrow().status()).isEqualTo(EkycStatus.PASSED);

        // The applicant's page: still with staff (docs/onboarding.md: confirmed, staff may approve).
        browser.get(url("/apply/" + id + "/decision"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("referred")));
        check("identity-referred-after-review-phone", "decision (identity confirmed by the vendor)");

        // The same pages in English on a desktop.
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/sandbox/ekyc/" + first + "/review?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-none")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The eKYC vendor's review");
        check("identity-sandbox-reviewed-desktop-en", "sandbox review (en, desktop)");

        // A credit officer finds the identity confirmed, no identity form, and approves: screened and issued.
        BrowserStaff.signIn(browser, url(""), "credit");
        browser.get(url("/console/applications/" + id + "?lang=ja"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(browser.findElements(By.id("identity-review"))).isEmpty();
        scrollTo(browser, "identity");
        check("identity-case-vendor-confirmed-desktop", "case (identity confirmed by the vendor)");
        browser.findElement(By.id("approve-note")).sendKeys("本人確認事業者が本人と確認済み");
        click(browser, "approve-confirm");
        click(browser, "approve-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(applications.find(id).orElseThrow().status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(problems).isEmpty();
    }

    @Test
    void anApplicantWithAnExpiredDocumentVerifiesAgainAndIsDecided() throws Exception {
        String id = submittedInTheBrowser("期限切花子");
        String first = verifyAtTheSandbox(id, "EXPIRED_DOCUMENT");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-retry")));
        assertThat(browser.findElement(By.id("identity-retry-text")).getText()).contains("あと2回");
        check("identity-retry-phone", "decision (expired document)");

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/apply/" + id + "/decision?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-retry-button")));
        assertThat(browser.findElement(By.id("identity-retry-text")).getText()).contains("2 more times");
        check("identity-retry-desktop-en", "decision (expired document, en, desktop)");
        browser.get(url("/apply/" + id + "/decision?lang=ja"));
        browser.manage().window().setSize(new Dimension(390, 844));

        click(browser, "identity-retry-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("choose-method")));
        String second = applications.find(id).orElseThrow().identity().verificationId();
        assertThat(second).isNotEqualTo(first);
        assertThat(browser.getCurrentUrl()).endsWith("/sandbox/ekyc/" + second);
        sendAtTheSandbox("PASS");
        wait.until(d -> d.getCurrentUrl().endsWith("/apply/" + id + "/decision"));
        for (int i = 0; i < 20 && !browser.findElements(By.id("working")).isEmpty(); i++) {
            Thread.sleep(300);
            click(browser, "check-again");
        }
        Application decided = applications.find(id).orElseThrow();
        assertThat(ekyc.find(second).orElseThrow().status()).isEqualTo(EkycStatus.PASSED);
        assertThat(decided.decision().reasons()).as("no identity reason any more")
                .noneMatch(r -> r.name().startsWith("IDENTITY_"));
        assertThat(browser.findElements(By.id("identity-retry"))).isEmpty();
        check("identity-retried-decision-phone", "decision after verifying again");
        assertThat(problems).isEmpty();
    }

    @Test
    void aCreditOfficerConfirmsOneIdentityInReviewOnAPhoneAndRejectsAnotherOnADesktopInEnglish() throws Exception {
        ReferredApplications referred = new ReferredApplications(context, mvc, clock);
        Application confirmed = referred.borderlineFace("顔確認子");
        Application rejected = referred.borderlineFace("顔否認子");

        BrowserStaff.signIn(browser, url(""), "credit");
        browser.get(url("/console/applications/" + confirmed.id()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-review")));
        assertThat(browser.findElement(By.id("ekyc-face")).getText()).isEqualTo("0.74");
        scrollTo(browser, "identity");
        check("identity-case-form-phone", "case (identity in review)");

        // Sent empty: each mistake next to its field, nothing decided.
        click(browser, "identity-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-note-error")));
        assertThat(browser.findElement(By.id("identity-choice-error")).getText()).contains("選んでください");
        assertThat(browser.findElement(By.id("identity-confirm-error")).getText()).contains("チェック");
        assertThat(browser.findElement(By.id("identity-note")).getAttribute("aria-describedby"))
                .isEqualTo("identity-note-error");
        // Back at the form, not at the top of a long page: the mistakes are what the officer sees first.
        assertThat(browser.getCurrentUrl()).endsWith("#identity-review");
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("var r = document.getElementById("
                + "'identity-review').getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight / 2;"))
                .as("the form in view").isTrue();
        check("identity-case-refused-phone", "case (identity form refused)");
        assertThat(ekyc.find(confirmed.identity().verificationId()).orElseThrow().status()).isEqualTo(EkycStatus.REVIEW);

        click(browser, "identity-confirm-choice");
        browser.findElement(By.id("identity-note")).sendKeys("顔写真と書類の写真を目視で照合し、本人と判断");
        click(browser, "identity-confirm");
        click(browser, "identity-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("本人と確認しました");
        assertThat(browser.findElements(By.id("identity-review"))).isEmpty();
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("REFERRED");
        check("identity-case-confirmed-phone", "case (identity confirmed)");
        assertThat(ekyc.find(confirmed.identity().verificationId()).orElseThrow().status())
                .isEqualTo(EkycStatus.PASSED);

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/console/applications/" + rejected.id() + "?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-review")));
        assertThat(browser.findElement(By.cssSelector("#identity-review h3")).getText())
                .isEqualTo("Decide the identity check");
        scrollTo(browser, "identity");
        check("identity-case-form-desktop-en", "case (identity in review, en, desktop)");
        click(browser, "identity-reject-choice");
        browser.findElement(By.id("identity-note")).sendKeys("The face does not match the document's photo");
        click(browser, "identity-confirm");
        click(browser, "identity-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("declined");
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("DECLINED");
        assertThat(browser.findElement(By.id("moves")).getText()).contains("The face does not match");
        check("identity-case-rejected-desktop-en", "case (identity rejected, en, desktop)");
        assertThat(applications.find(rejected.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.DECLINED);
        browser.get(url("/console/applications?lang=ja"));
        assertThat(problems).isEmpty();
    }

    /**
     * An applicant who started in this browser (its cookie), their steps saved through the service and the
     * application submitted with a device of its own; returns the application's id.
     */
    private String submittedInTheBrowser(String name) throws Exception {
        browser.get(url("/apply?lang=ja"));
        click(browser, "start");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nameKanji")));
        String id = browser.getCurrentUrl().replaceAll(".*/apply/([^/]+)/about-you$", "$1");
        assertThat(id).startsWith("APP-");
        bureau.assign(id, SandboxCreditBureau.Scenario.CLEAN);
        Person person = Person.fresh();
        applications.saveStep(id, ApplicationStep.ABOUT_YOU, person.aboutYou(name), "test");
        applications.saveStep(id, ApplicationStep.WORK_AND_MONEY, Person.workAndMoney(), "test");
        applications.saveStep(id, ApplicationStep.LIMITS_AND_CONSENT, Person.limits(), "test");
        applications.submit(id, DeviceObservations.newLaptop(mvc, json), "test");
        return id;
    }

    /** The applicant starts the identity check and sends what the sandbox's camera "saw"; returns the verification. */
    private String verifyAtTheSandbox(String id, String scenario) throws Exception {
        Application pending = applications.startIdentity(id);
        browser.get(url(pending.identity().continueUrl()));
        sendAtTheSandbox(scenario);
        wait.until(d -> d.getCurrentUrl().endsWith("/apply/" + id + "/decision"));
        return pending.identity().verificationId();
    }

    private void sendAtTheSandbox(String scenario) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("choose-method")));
        browser.findElement(By.cssSelector("label:has(#method-IC_CHIP_AND_FACE)")).click();
        click(browser, "choose-method");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("capture-form")));
        browser.findElement(By.cssSelector("label:has(#scenario-" + scenario + ")")).click();
        click(browser, "send-result");
    }

    /** A screenshot for a person to look at, and what {@link PhoneLayout} finds kept for the test's end. */
    private void check(String screenshot, String page) throws Exception {
        HeadlessChromium.screenshot(browser, "screenshots/" + screenshot + ".png");
        problems.addAll(PhoneLayout.problems(browser, page + " at " + browser.manage().window().getSize()));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
