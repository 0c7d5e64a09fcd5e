package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeAction;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.FraudLabels;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.site.Axe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * "I don't recognize this charge" in a real browser (headless Chromium), in the context of {@link
 * PortalBrowserIntegrationTest}: the cardholder signs in, ticks a charge, answers, certifies and
 * reports it; the status page follows the case on its own (no reload by the test) to the fraud
 * outcome (chargeback filed, reason code, replacement card), in Japanese and in English; an analyst's
 * decision reaches an open page; a renewal of their own subscription is explained and withdrawn.
 * Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/portal-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class PortalDisputeBrowserIntegrationTest extends BrowserTestSupport {

    private static final String PASSWORD = "sakura-2026-disputes";
    private static final Actor SUPPORT = new Actor("browser-dispute-support", Set.of(Role.CUSTOMER_SERVICE), "test");
    /** How long the status page may take to show a change on its own. */
    private static final Duration LIVE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    MovableClock clock;

    @Autowired
    Cards cards;

    @Autowired
    FraudLabels labels;

    @Autowired
    Decisions decisions;

    @Autowired
    Disputes disputes;

    @Autowired
    JsonMapper json;

    private WebDriverWait wait;
    private PortalDisputeFixtures fixtures;

    PortalDisputeBrowserIntegrationTest() {
        super(1200, 1400);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        String key = clients.register("browser-dispute-scorer", EnumSet.of(Role.SCORER));
        HttpClient http = HttpClient.newHttpClient();
        fixtures = new PortalDisputeFixtures(cards, labels, decisions, json, body -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/authorizations")))
                    .header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
    }

    @Test
    void aFraudReportFollowsItselfToTheChargebackInJapaneseAndEnglish() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        Card card = fixtures.card(customer);
        String fraud = fixtures.fraud(card, newCustomer(tag + "x"));
        signIn(customer, "fraud-" + tag);

        browser.findElement(By.id("my-disputes")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用の申告"));
        assertThat(browser.findElement(By.id("no-reports")).getText()).contains("申告はまだありません");
        browser.findElement(By.id("new-report")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "身に覚えのないご利用の申告"));
        WebElement row = browser.findElement(By.cssSelector("#transactions tr[data-authorization-id='" + fraud + "']"));
        assertThat(row.getText()).contains("98,000円").contains(card.masked());
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        answer("cardInHand", "YES");
        answer("familyCouldExplain", "NO");
        answer("subscriptionCouldExplain", "NO");
        answer("recognizesMerchant", "NO");
        browser.findElement(By.id("certified")).click();
        screenshot("portal-dispute-form.png");
        browser.findElement(By.id("submit-report")).click();

        // The status page, followed by the page itself: no reload by the test.
        wait.until(ExpectedConditions.urlContains("/portal/disputes/reports/"));
        Dispute reported = disputes.ofAuthorization(fraud).orElseThrow();
        assertThat(browser.getCurrentUrl()).endsWith("/portal/disputes/reports/" + reported.reportId());
        WebDriverWait live = HeadlessChromium.waitFor(browser, LIVE);
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.case .status"),
                "加盟店へ返金請求中"));
        Dispute filed = disputes.find(reported.id()).orElseThrow();
        // The reference number to quote, on the confirmation page.
        assertThat(filed.reference()).matches("D-\\d{4}-[2-9A-HJ-NP-Z]{4}");
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo(filed.reference());
        assertThat(browser.findElement(By.id("reference-quote")).getText()).contains("受付番号")
                .contains("お問い合わせの際にお伝えください");
        WebElement section = browser.findElement(By.id("case-" + filed.id()));
        assertThat(section.findElement(By.cssSelector(".reason-code")).getText()).isEqualTo("VISA 10.4");
        Card replacement = cards.find(filed.replacementCardToken()).orElseThrow();
        assertThat(section.findElement(By.cssSelector(".replacement")).getText())
                .isEqualTo("****" + replacement.last4());
        assertThat(section.findElement(By.cssSelector(".credit")).getText()).isEqualTo("98,000円");
        assertThat(section.findElement(By.cssSelector(".blocked")).getText()).contains("停止");
        assertThat(section.findElement(By.cssSelector(".filing-deadline")).getText())
                .isEqualTo(filed.filingDeadline().toString());
        assertThat(section.getText()).contains("不正利用と判断しました").contains("これまでにご利用のない機器")
                // Other cardholders' reports and the risk engine's score are for staff only.
                .doesNotContain("ほかのカード").doesNotContain("スコア");
        // Decided: nothing left to wait for, so the page stops polling.
        assertThat(browser.findElements(By.id("live"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(card.token());
        screenshot("portal-dispute-fraud.png");

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Status of your report"));
        section = browser.findElement(By.id("case-" + filed.id()));
        assertThat(section.findElement(By.cssSelector(".status")).getText())
                .isEqualTo("Chargeback filed with the merchant");
        assertThat(section.getText()).contains("Chargeback reason code").contains("New card number")
                .contains("This was fraud").contains("¥98,000");
        browser.findElement(By.id("my-disputes")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "My reports"));
        assertThat(browser.findElement(By.cssSelector("#reports tr[data-report='" + filed.reportId() + "']")).getText())
                .contains("Chargeback filed with the merchant").contains(filed.reference());
        screenshot("portal-disputes-reference.png");
    }

    @Test
    void anOpenStatusPageShowsTheAnalystsDecisionByItself() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        Card card = fixtures.card(customer);
        String charge = fixtures.plain(card, "unclear", Duration.ofHours(2), 23_400);
        signIn(customer, "unclear-" + tag);

        browser.get(url("/portal/disputes/new?authorization=" + charge));
        WebElement box = browser.findElement(By.id("tx-" + charge));
        assertThat(box.isSelected()).isTrue();
        for (String question : PortalDisputesPage.QUESTIONS) {
            answer(question, "NO");
        }
        browser.findElement(By.id("certified")).click();
        browser.findElement(By.id("submit-report")).click();
        WebDriverWait live = HeadlessChromium.waitFor(browser, LIVE);
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.case .status"),
                "担当者が確認中"));
        assertThat(browser.findElement(By.id("live")).getText()).contains("自動で更新");
        if (Axe.installed()) {
            // The one page that updates itself: EveryPageBrowserIntegrationTest has no report to open.
            assertThat(Axe.seriousFindings(browser, "report status")).isEmpty();
        }
        Dispute referred = PortalDisputeFixtures.awaitOutcome(disputes, charge);
        // The home's notice of the report in progress names its reference number.
        browser.get(url("/portal/usage"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notices")));
        assertThat(browser.findElement(By.id("notices")).getText()).contains("受付番号")
                .contains(referred.reference());
        browser.get(url("/portal/disputes/reports/" + referred.reportId()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reference"), referred.reference()));
        assertThat(browser.findElement(By.cssSelector("section.case .explanation")).getText())
                .contains("担当者が確認しています").contains("までに判断してお知らせします");
        // A mark on this very page: gone once the page has reloaded itself.
        ((JavascriptExecutor) browser).executeScript("document.body.setAttribute('data-test-mark', 'before');");

        disputes.act(referred.id(), null, DisputeAction.CONFIRM_FRAUD,
                Disputes.Acting.staff("browser-dispute-analyst", "test"), "called the cardholder", referred.version());
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.case .status"),
                "加盟店へ返金請求中"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-test-mark")).isNull();
        assertThat(disputes.find(referred.id()).orElseThrow().status()).isEqualTo(DisputeStatus.CHARGEBACK_FILED);
        assertThat(browser.findElement(By.cssSelector("section.case .reason-code")).getText()).contains("10.");
    }

    @Test
    void aRenewalOfTheCardholdersOwnSubscriptionIsExplainedAndWithdrawn() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        Card card = fixtures.card(customer);
        String renewal = fixtures.netflixRenewal(card);
        signIn(customer, "netflix-" + tag);

        browser.get(url("/portal/disputes/new"));
        WebElement row = browser.findElement(
                By.cssSelector("#transactions tr[data-authorization-id='" + renewal + "']"));
        assertThat(row.findElement(By.cssSelector(".brand")).getText()).isEqualTo("Netflix");
        assertThat(row.getText()).contains(PortalDisputeFixtures.NETFLIX).contains("1,490円");
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        answer("cardInHand", "YES");
        answer("familyCouldExplain", "NO");
        answer("subscriptionCouldExplain", "UNSURE");
        answer("recognizesMerchant", "NO");
        browser.findElement(By.id("certified")).click();
        browser.findElement(By.id("submit-report")).click();

        WebDriverWait live = HeadlessChromium.waitFor(browser, LIVE);
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.case .status"),
                "ご本人のご利用と判断"));
        WebElement section = browser.findElement(By.cssSelector("section.case"));
        assertThat(section.getText()).contains("ご本人（またはご家族・ご契約中のサービス）のご利用の可能性が高い")
                .contains("請求名義は「Netflix」のものです").contains("定期的なお支払いの続きです");
        assertThat(section.findElements(By.cssSelector("form.contest button"))).hasSize(1);
        screenshot("portal-dispute-genuine.png");

        WebElement withdraw = section.findElement(By.cssSelector("form.withdraw button"));
        section.findElement(By.cssSelector("form.withdraw input[name=confirmed]")).click();
        withdraw.click();
        wait.until(ExpectedConditions.stalenessOf(withdraw));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("申告を取り下げました");
        assertThat(browser.findElement(By.cssSelector("section.case .status")).getText()).isEqualTo("お取り下げ");
        assertThat(browser.findElements(By.cssSelector("section.case form"))).isEmpty();
        assertThat(disputes.ofAuthorization(renewal).orElseThrow().status()).isEqualTo(DisputeStatus.WITHDRAWN);
    }

    // --- helpers

    private void answer(String question, String value) {
        browser.findElement(By.cssSelector("input[name=" + question + "][value=" + value + "]")).click();
    }

    /** Enrolls the customer and signs in with password and code, landing on the home (card use). */
    private void signIn(String customer, String loginId) {
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(customer, loginId, PASSWORD));
        PortalBrowserSignIn.signIn(browser, wait, url(""), loginId, PASSWORD, secret, clock);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用状況"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String newCustomer(String tag) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "佐藤 一郎" + tag);
        values.put(PersonalField.NAME_KANA, "サトウ イチロウ");
        values.put(PersonalField.EMAIL, "ichiro." + tag + "@example.jp");
        values.put(PersonalField.ANNUAL_INCOME, "6100000");
        return personalData.register(SUPPORT, "D-" + tag, values).customerId();
    }

    private void screenshot(String name) throws java.io.IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
