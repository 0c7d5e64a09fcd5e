package dev.anshin.onboarding;

import static dev.anshin.HeadlessChromium.assertNoOverflow;
import static dev.anshin.HeadlessChromium.click;
import static dev.anshin.HeadlessChromium.scrollTo;
import static dev.anshin.site.Axe.assertNoSeriousFindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.cards.Cards;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The review queue in Chromium: two applications made through the service are referred (one came without
 * the device collector's evidence, one had a borderline face match); a credit officer on a phone opens the
 * queue from the staff menu, the first application's case with its evidence, and approves it within the
 * screening's limits (the card is issued); on a desktop filters the queue to identity reasons and declines
 * the second with a note. Every page checked with axe at both sizes and in English; screenshots in
 * target/screenshots/review-*.png. Same context as {@code EveryPageBrowserIntegrationTest}. Skipped, with a
 * message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class ReviewQueueBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    Cards cards;

    @Autowired
    MovableClock clock;

    private WebDriverWait wait;

    ReviewQueueBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void aCreditOfficerApprovesOneReferralOnAPhoneAndDeclinesAnotherOnADesktop() throws Exception {
        ReferredApplications referred = new ReferredApplications(context,
                MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build(), clock);
        Application noDevice = referred.withoutDevice("端末無子");
        Application face = referred.borderlineFace("顔照合子");

        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserStaff.signIn(browser, url(""), "credit");
        click(browser, "nav-applications");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#referrals tr[data-application='" + noDevice.id() + "']")));
        assertThat(row.getText()).contains("端末無子").contains("300,000円").contains("機器情報がない");
        assertThat(row.getAttribute("data-kind")).isEqualTo("DEVICE");
        assertThat(browser.findElement(By.cssSelector("#queue-chart g[data-kind=IDENTITY]")).getAttribute("data-count"))
                .isNotEqualTo("0");
        HeadlessChromium.screenshot(browser, "screenshots/review-queue-phone.png");
        scrollTo(browser, "queue-heading");
        HeadlessChromium.screenshot(browser, "screenshots/review-queue-table-phone.png");
        assertNoOverflow(browser);
        assertNoSeriousFindings(browser, "/console/applications");

        WebElement open = row.findElement(By.cssSelector("a.open"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", open);
        open.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(browser.findElement(By.id("applicant")).getText()).isEqualTo("端末無子");
        assertThat(browser.findElement(By.id("device-note")).getText()).contains("機器の情報がありません");
        assertThat(browser.findElement(By.id("fig-capacity")).getText()).isEqualTo("3,230,000円");
        assertThat(browser.findElement(By.id("approve-revolving")).getAttribute("value")).isEqualTo("300000");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-phone.png");
        scrollTo(browser, "identity");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-evidence-phone.png");
        scrollTo(browser, "screening");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-screening-phone.png");
        assertNoOverflow(browser);
        assertNoSeriousFindings(browser, "/console/applications/" + noDevice.id());

        // Sent without the confirmation: refused next to the box, nothing decided, the note kept.
        browser.findElement(By.id("approve-note")).sendKeys("本人確認・審査とも問題なし。端末情報なしは許容");
        click(browser, "approve-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve-confirm-error")));
        assertThat(browser.findElement(By.id("approve-note")).getAttribute("value")).contains("問題なし");
        scrollTo(browser, "actions");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-refused-phone.png");
        assertNoSeriousFindings(browser, "/console/applications/" + noDevice.id() + " (refused)");
        WebElement revolving = browser.findElement(By.id("approve-revolving"));
        revolving.clear();
        revolving.sendKeys("250000");
        click(browser, "approve-confirm");
        click(browser, "approve-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("ISSUED");
        HeadlessChromium.screenshot(browser, "screenshots/review-approved-phone.png");
        Application issued = applications.find(noDevice.id()).orElseThrow();
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().granted().revolving()).isEqualTo(250_000);
        assertThat(cards.issuedFor(noDevice.id())).isPresent();

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/console/applications"));
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-kind")))).selectByValue("identity");
        click(browser, "apply");
        wait.until(ExpectedConditions.urlContains("kind=identity"));
        WebElement faceRow = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#referrals tr[data-application='" + face.id() + "']")));
        assertThat(browser.findElements(By.cssSelector("#referrals tr[data-application='" + noDevice.id() + "']")))
                .isEmpty();
        HeadlessChromium.screenshot(browser, "screenshots/review-queue-identity-desktop.png");
        scrollTo(browser, "queue-heading");
        HeadlessChromium.screenshot(browser, "screenshots/review-queue-table-desktop.png");
        assertNoSeriousFindings(browser, "/console/applications?kind=identity");
        faceRow.findElement(By.cssSelector("a.open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decline")));
        assertThat(browser.findElement(By.id("ekyc-face")).getText()).isEqualTo("0.74");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-desktop.png");
        scrollTo(browser, "device");
        HeadlessChromium.screenshot(browser, "screenshots/review-case-evidence-desktop.png");
        assertNoSeriousFindings(browser, "/console/applications/" + face.id());
        browser.findElement(By.id("decline-note")).sendKeys("顔写真と書類の写真が別人に見える");
        click(browser, "decline-confirm");
        click(browser, "decline-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("DECLINED");
        assertThat(browser.findElement(By.id("moves")).getText()).contains("顔写真と書類の写真が別人に見える");
        scrollTo(browser, "history");
        HeadlessChromium.screenshot(browser, "screenshots/review-declined-desktop.png");
        assertThat(applications.find(face.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.DECLINED);

        browser.get(url("/console/applications?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("referrals")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Referred applications");
        HeadlessChromium.screenshot(browser, "screenshots/review-queue-desktop-en.png");
        assertNoSeriousFindings(browser, "/console/applications (en)");
        browser.get(url("/console/applications/" + noDevice.id()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
        HeadlessChromium.screenshot(browser, "screenshots/review-case-desktop-en.png");
        assertNoSeriousFindings(browser, "/console/applications/" + noDevice.id() + " (en)");
        browser.get(url("/console/applications?lang=ja"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
