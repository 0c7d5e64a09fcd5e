package dev.anshin.screening;

import static dev.anshin.HeadlessChromium.assertNoOverflow;
import static dev.anshin.HeadlessChromium.click;
import static dev.anshin.HeadlessChromium.scrollTo;
import static dev.anshin.site.Axe.assertNoSeriousFindings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.MovableClock;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The screening pages in Chromium: two customers hold cards issued on clean screenings; their bureau
 * figures worsen; a credit officer on a phone starts a re-screening run from the runs page, watches it
 * finish, opens the proposals it made (customers by name, amounts in yen), accepts one; on a desktop
 * rejects the other with a note. Both pages checked with axe at both sizes; screenshots in
 * target/screenshots/screening-*.png. Same context as {@code EveryPageBrowserIntegrationTest}. Skipped,
 * with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class ScreeningPagesBrowserIntegrationTest extends BrowserTestSupport {

    private static final Duration MONTH_AND_A_DAY = Duration.ofDays(31);
    private static final ApplicantFigures FAMILY = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);
    private static final Limits GRANTED = new Limits(2_000_000, 500_000);

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    Cards cards;

    @Autowired
    Screenings screenings;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    MovableClock clock;

    private WebDriverWait wait;

    ScreeningPagesBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
    }

    /** A customer with a name and a card issued on a clean screening, whose bureau now reports heavy borrowing. */
    private record Holder(String name, Card card) {
    }

    private Holder holder(String name) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = personalData.register(new Actor("browser-test-support", EnumSet.of(Role.CUSTOMER_SERVICE),
                "test"), "BR-" + tag, Map.of(PersonalField.NAME_KANJI, name + tag.substring(0, 4))).customerId();
        Card card = cards.register(IntegrationTestSupport.newPan(), customer);
        String application = "APP-" + UUID.randomUUID();
        bureau.assign(application, Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(application, customer, FAMILY, GRANTED, "onboarding"));
        screenings.recordIssued(card.token(), customer, application, GRANTED, "onboarding");
        bureau.assign(application, Scenario.HEAVY_BORROWER);
        return new Holder(name + tag.substring(0, 4), card);
    }

    @Test
    void aCreditOfficerRunsTheReScreeningAndAcceptsOneProposalAndRejectsAnother() throws Exception {
        Holder yamada = holder("山田");
        Holder sato = holder("佐藤");
        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserStaff.signIn(browser, url(""), "credit");
        // A credit officer starts at the referred applications; the limit reviews are one link away.
        assertThat(browser.getCurrentUrl()).endsWith("/console/applications");
        browser.findElement(By.id("nav-screening")).click();
        wait.until(ExpectedConditions.urlContains("/console/screening/proposals"));

        clock.advance(MONTH_AND_A_DAY);
        try {
            browser.findElement(By.id("sub-runs")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-now-button"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!browser.findElements(By.cssSelector("#runs tr[data-running=true]")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
                browser.findElement(By.id("refresh")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
            }
            assertThat(browser.findElements(By.cssSelector("#runs tr[data-running=true]"))).isEmpty();
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated()); // the context's clock is shared: give it back
        }
        WebElement latest = browser.findElement(By.cssSelector("#runs tbody tr"));
        assertThat(latest.getText()).contains("credit");
        HeadlessChromium.screenshot(browser, "screenshots/screening-runs-phone.png");
        scrollTo(browser, "runs-heading");
        HeadlessChromium.screenshot(browser, "screenshots/screening-runs-table-phone.png");
        assertNoOverflow(browser);
        assertNoSeriousFindings(browser, "/console/screening/runs");
        LimitProposal forYamada = screenings.proposalsFor(yamada.card().token()).get(0);
        LimitProposal forSato = screenings.proposalsFor(sato.card().token()).get(0);

        browser.findElement(By.id("sub-proposals")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#proposals tr[data-proposal='" + forYamada.id() + "']")));
        assertThat(row.getText()).contains(yamada.name()).contains(yamada.card().masked()).contains("2,000,000円");
        HeadlessChromium.screenshot(browser, "screenshots/screening-proposals-phone.png");
        assertNoOverflow(browser);
        assertNoSeriousFindings(browser, "/console/screening/proposals");
        row.findElement(By.cssSelector("a.open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accept")));
        assertThat(browser.findElement(By.id("customer")).getText()).isEqualTo(yamada.name());
        assertThat(browser.findElement(By.id("current-revolving")).getText()).isEqualTo("2,000,000円");
        HeadlessChromium.screenshot(browser, "screenshots/screening-proposal-phone.png");
        scrollTo(browser, "figures");
        HeadlessChromium.screenshot(browser, "screenshots/screening-proposal-figures-phone.png");
        scrollTo(browser, "actions");
        HeadlessChromium.screenshot(browser, "screenshots/screening-proposal-actions-phone.png");
        assertNoOverflow(browser);
        assertNoSeriousFindings(browser, "/console/screening/proposals/" + forYamada.id());
        // The confirmation is checked on the server too: sent without it (the browser's check taken away), the
        // page says so beside the box, keeps the note, and nothing is decided.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('accept-confirm').required = false;");
        browser.findElement(By.id("accept-note")).sendKeys("他社借入の増加を確認");
        click(browser, "accept-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accept-error")));
        assertThat(browser.findElement(By.id("accept-confirm")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("accept-note")).getAttribute("value")).isEqualTo("他社借入の増加を確認");
        assertThat(screenings.proposal(forYamada.id()).orElseThrow().open()).isTrue();
        scrollTo(browser, "actions");
        HeadlessChromium.screenshot(browser, "screenshots/screening-unconfirmed-phone.png");
        assertNoSeriousFindings(browser, "/console/screening/proposals/" + forYamada.id() + " (unconfirmed)");
        click(browser, "accept-confirm");
        click(browser, "accept-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("ACCEPTED");
        HeadlessChromium.screenshot(browser, "screenshots/screening-accepted-phone.png");
        assertThat(screenings.account(yamada.card().token()).orElseThrow().limits()).isEqualTo(forYamada.proposed());

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/console/screening/proposals"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#proposals tr[data-proposal='" + forSato.id() + "'] a.open"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reject")));
        browser.findElement(By.id("reject-note")).sendKeys("収入証明で年収増を確認済み");
        click(browser, "reject-confirm");
        click(browser, "reject-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("decided-note")).getText()).isEqualTo("収入証明で年収増を確認済み");
        HeadlessChromium.screenshot(browser, "screenshots/screening-rejected-desktop.png");
        assertNoSeriousFindings(browser, "/console/screening/proposals/" + forSato.id());
        assertThat(screenings.account(sato.card().token()).orElseThrow().limits()).isEqualTo(GRANTED);
        assertThat(screenings.proposal(forSato.id()).orElseThrow().status()).isEqualTo(ProposalStatus.REJECTED);

        browser.get(url("/console/screening/proposals?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decided")));
        assertThat(browser.findElement(By.cssSelector("#decided tr[data-proposal='" + forYamada.id() + "']"))
                .getAttribute("data-status")).isEqualTo("ACCEPTED");
        HeadlessChromium.screenshot(browser, "screenshots/screening-proposals-desktop-en.png");
        assertNoSeriousFindings(browser, "/console/screening/proposals");
        browser.get(url("/console/screening/runs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        HeadlessChromium.screenshot(browser, "screenshots/screening-runs-desktop-en.png");
        assertNoSeriousFindings(browser, "/console/screening/runs");
        browser.get(url("/console/screening/proposals?lang=ja"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
