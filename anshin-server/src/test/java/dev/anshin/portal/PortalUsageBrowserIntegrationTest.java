package dev.anshin.portal;

import dev.anshin.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserTestSupport;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Answer;
import dev.anshin.disputes.Channel;
import dev.anshin.disputes.Disputes;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The card usage page in a real browser (headless Chromium): signed in, the cardholder sees the
 * authorizations of their card, and one scored while the page is open appears at the top without
 * a reload within a few seconds, in Japanese, then in English after the language switch. Same
 * context as {@link PortalBrowserIntegrationTest}. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/portal-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class PortalUsageBrowserIntegrationTest extends BrowserTestSupport {

    private static final String PASSWORD = "sakura-2026-usage";
    private static final Actor SUPPORT = new Actor("usage-browser-support", Set.of(Role.CUSTOMER_SERVICE), "test");
    /** The promise is "within a second"; a loaded CI machine gets some slack. */
    private static final Duration LIVE = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    Cards cards;

    @Autowired
    MovableClock clock;

    @Autowired
    JsonMapper json;

    @Autowired
    Disputes disputes;

    private WebDriverWait wait;
    private String scorerKey;

    PortalUsageBrowserIntegrationTest() {
        super(1200, 1000);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
    }

    @Test
    void aNewAuthorizationAppearsOnTheOpenPageWithoutAReload() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        String loginId = "usage-" + tag;
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(customer, loginId, PASSWORD));
        String pan = dev.anshin.IntegrationTestSupport.newPan();
        Card card = cards.register(pan, customer);
        String earlier = "usage-earlier-" + UUID.randomUUID();
        score(earlier, card, "NETFLIX.COM 866-579-7172", 1490, "JPY");

        signIn(loginId, secret);
        browser.get(url("/portal/usage"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ご利用状況");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usage tr[data-authorization-id='"
                + earlier + "']")));
        assertThat(row(earlier).getText()).contains("Netflix", "1,490円", "****" + pan.substring(12));
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
        assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("リアルタイム表示中");
        String marker = (String) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.usageMarker = 'no reload';");

        String live = "usage-live-" + UUID.randomUUID();
        score(live, card, "AMAZON PRIME*LV12CD", 500, "JPY");
        HeadlessChromium.waitFor(browser, LIVE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#usage tbody tr:first-child[data-authorization-id='" + live + "']")));
        assertThat(row(live).getText()).contains("Amazon プライム", "AMAZON PRIME*LV12CD", "500円", "承認しました",
                "オンライン等");
        assertThat(row(live).findElement(By.cssSelector("td[data-slot=action]")).getText())
                .isEqualTo("この取引に心当たりがない");
        // The same page, not a reload: the script's variable is still there.
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.usageMarker"))
                .isEqualTo(marker);
        assertThat(browser.findElements(By.cssSelector("#usage tbody tr")).stream()
                .map(r -> r.getAttribute("data-authorization-id")).toList()).containsSubsequence(live, earlier);

        // English: the page, and what the stream sends from then on.
        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your card use"));
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
        assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("Live");
        assertThat(row(earlier).getText()).contains("Netflix", "¥1,490");
        String english = "usage-en-" + UUID.randomUUID();
        score(english, card, "AMAZON PRIME*EN12CD", 1250, "USD");
        HeadlessChromium.waitFor(browser, LIVE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#usage tbody tr:first-child[data-authorization-id='" + english + "']")));
        assertThat(row(english).getText()).contains("Amazon Prime", "USD 12.50", "Approved", "Online / remote");

        // "Not me" on the live row opens the report form with that transaction ticked.
        row(english).findElement(By.cssSelector("a.not-me")).click();
        wait.until(ExpectedConditions.urlContains("/portal/disputes/new"));
        wait.until(ExpectedConditions.elementSelectionStateToBe(By.cssSelector(
                "input[type=checkbox][value='" + english + "']"), true));
    }

    @Test
    void theNavigationLeadsToThePage() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String loginId = "usage-nav-" + tag;
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(newCustomer(tag), loginId, PASSWORD));
        signIn(loginId, secret);
        browser.findElement(By.id("card-usage")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用状況"));
        assertThat(browser.findElement(By.id("no-usage")).getText()).isEqualTo("表示できるご利用はありません。");
    }

    @Test
    void theHomeShowsTheCardTheMonthsApprovedTotalAndAReportedChargeLeadsToItsReport() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        String loginId = "usage-home-" + tag;
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(customer, loginId, PASSWORD));
        String pan = dev.anshin.IntegrationTestSupport.newPan();
        Card card = cards.register(pan, customer);
        String reported = "home-reported-" + UUID.randomUUID();
        String other = "home-other-" + UUID.randomUUID();
        score(reported, card, "NETFLIX.COM 866-579-7172", 1490, "JPY");
        score(other, card, "AMAZON PRIME*HM12CD", 500, "JPY");
        score("home-usd-" + UUID.randomUUID(), card, "AMAZON PRIME*HM34CD", 1250, "USD");
        disputes.submit(customer, Channel.PORTAL, Disputes.Acting.cardholder(customer, "test"),
                new Disputes.Submission(List.of(reported), Answer.YES, Answer.NO, Answer.NO, Answer.NO, true));

        signIn(loginId, secret); // lands on the home
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ご利用状況");
        assertThat(browser.findElement(By.id("cards")).getText()).contains("****" + pan.substring(12));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("承認されたご利用（2件）", "1,990円",
                "承認されたご利用（1件）", "USD 12.50");
        WebElement report = row(reported).findElement(By.cssSelector("td[data-slot=action] a"));
        assertThat(report.getText()).isEqualTo("申告済み");
        assertThat(row(other).findElement(By.cssSelector("td[data-slot=action]")).getText())
                .isEqualTo("この取引に心当たりがない");

        // "Not me" starts the form from that charge; the reported one is among the others, marked.
        row(other).findElement(By.cssSelector("a.not-me")).click();
        wait.until(ExpectedConditions.urlContains("/portal/disputes/new"));
        assertThat(browser.findElements(By.cssSelector("#transactions tbody tr")).stream()
                .map(r -> r.getAttribute("data-authorization-id")).toList()).containsExactly(other);
        browser.findElement(By.cssSelector("#more-transactions summary")).click();
        assertThat(browser.findElement(By.cssSelector("#other-transactions tr[data-authorization-id='" + reported + "']"))
                .getText()).contains("申告済み");

        // The reported charge leads to its report; an earlier month has nothing yet and no live feed.
        browser.navigate().back();
        row(reported).findElement(By.cssSelector("td[data-slot=action] a")).click();
        wait.until(ExpectedConditions.urlContains("/portal/disputes/reports/"));
        browser.get(url("/portal/usage"));
        browser.findElements(By.cssSelector("nav.months a")).get(1).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-usage")));
        assertThat(browser.findElements(By.id("live"))).isEmpty();
    }

    private WebElement row(String authorizationId) {
        return browser.findElement(By.cssSelector("#usage tr[data-authorization-id='" + authorizationId + "']"));
    }

    private void signIn(String loginId, byte[] secret) {
        PortalBrowserSignIn.signIn(browser, wait, url(""), loginId, PASSWORD, secret, clock);
    }

    /** Scored over the API, as the issuer's authorization system would. */
    private void score(String id, Card card, String merchantName, long minor, String currency) throws Exception {
        if (scorerKey == null) {
            scorerKey = clients.register("usage-browser-scorer", EnumSet.of(Role.SCORER));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorizationId", id);
        body.put("card", Map.of("token", card.token()));
        body.put("amount", Map.of("minor", minor, "currency", currency));
        body.put("merchantId", "m-" + id.hashCode());
        body.put("merchantName", merchantName);
        body.put("mcc", "5815");
        body.put("terminalId", "t-" + id.hashCode());
        body.put("merchantCountry", "JP");
        body.put("posEntryMode", "81");
        body.put("cardPresent", false);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/api/v1/authorizations")))
                .header("X-Api-Key", scorerKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("decision").asText()).isEqualTo("APPROVE");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String newCustomer(String tag) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "佐藤 美咲" + tag);
        values.put(PersonalField.NAME_KANA, "サトウ ミサキ");
        values.put(PersonalField.EMAIL, "misaki." + tag + "@example.jp");
        return personalData.register(SUPPORT, "U-" + tag, values).customerId();
    }

}
