package dev.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import dev.anshin.demo.DemoCards;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The staff console in a real browser (headless Chromium): sign in, find a decision that was just
 * scored through the API with its reasons in words and the card masked, open its details and the
 * card's other decisions, switch to English; a replay spike on the live chart. Skipped, with a message, on a machine without Chromium; CI installs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class ConsoleBrowserIntegrationTest extends BrowserTestSupport {


    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @Autowired
    MovableClock clock;

    ConsoleBrowserIntegrationTest() {
        super(1400, 1000);
    }

    @Test
    void analystFindsTheDecisionJustScoredOpensItsDetailsAndTheCardsOtherDecisions() throws Exception {
        String authorizationId = "browser-" + Instant.now().toEpochMilli();
        scoreOneAuthorization(authorizationId);

        browser.get("http://localhost:" + port + "/console");
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("サインイン");
        browser.findElement(By.name("username")).sendKeys("analyst");
        browser.findElement(By.name("password")).sendKeys("browser-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), authorizationId));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("判定の一覧");
        WebElement row = browser.findElement(By.cssSelector("tr[data-authorization='" + authorizationId + "']"));
        assertThat(row.getText()).contains(DemoCards.BIN).contains("98,000円").contains(" JST")
                .contains("ルール「" + authorizationId + "」に該当: Terminal under watch")
                .doesNotContain(DemoCards.pan(7));
        wait.until(d -> !d.findElements(By.cssSelector("#rates rect")).isEmpty());
        HeadlessChromium.screenshot(browser, "screenshots/console-list.png");

        // The authorization id is a link to its details, with the reasons in words.
        row.findElement(By.cssSelector("a.authorization")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), authorizationId));
        assertThat(browser.findElement(By.id("fact-decision")).getText()).isEqualTo("要確認");
        assertThat(browser.findElement(By.id("fact-amount")).getText()).isEqualTo("98,000円");
        assertThat(browser.findElement(By.id("fact-mcc")).getText()).isEqualTo("5732 家電販売店");
        assertThat(browser.findElement(By.id("fact-rules-fired")).getText()).isEqualTo(authorizationId);
        assertThat(browser.findElement(By.cssSelector("#reason-table td.words")).getText())
                .isEqualTo("ルール「" + authorizationId + "」に該当: Terminal under watch");
        assertThat(browser.getPageSource()).doesNotContain(DemoCards.pan(7));
        HeadlessChromium.screenshot(browser, "screenshots/console-decision.png");

        // The card's other decisions: the list filtered by the card as shown, never its number.
        browser.findElement(By.id("card-history")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-title"), "の判定"));
        assertThat(browser.getCurrentUrl()).doesNotContain(DemoCards.pan(7)).contains("card=");
        assertThat(browser.findElement(By.id("card")).getAttribute("value")).startsWith(DemoCards.BIN).contains("******");
        assertThat(browser.findElements(By.cssSelector("tr[data-authorization='" + authorizationId + "']"))).hasSize(1);

        browser.get("http://localhost:" + port + "/console/decisions/" + authorizationId + "?lang=en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Decision: " + authorizationId));
        assertThat(browser.findElement(By.cssSelector("#reason-table td.words")).getText())
                .isEqualTo("Rule \u201c" + authorizationId + "\u201d matched: Terminal under watch");
    }

    /**
     * A replay spike (many decisions in one minute after ten quiet ones) is cut at the top of the rate
     * chart and marked with its true count; the ordinary minutes stay visible, the axes are labelled.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSpikeIsCutAtTheTopAndOrdinaryMinutesStayVisible() throws Exception {
        cards.register(DemoCards.pan(8));
        String key = clients.register("browser-spike", EnumSet.of(Role.SCORER));
        clock.stop();
        try {
            for (int minute = 0; minute < 10; minute++) {
                for (int i = 0; i < 3; i++) {
                    score(key, "quiet-" + minute + "-" + i + "-" + System.nanoTime());
                }
                clock.advance(Duration.ofMinutes(1));
            }
            for (int i = 0; i < 150; i++) {
                score(key, "spike-" + i + "-" + System.nanoTime());
            }
        } finally {
            clock.start();
        }
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, "http://localhost:" + port, "analyst");
        browser.get("http://localhost:" + port + "/console?lang=en");
        wait.until(d -> !d.findElements(By.cssSelector("#rates g.clipped")).isEmpty());

        // Read in one go: the charts are redrawn every 2 s, which would make elements found earlier stale.
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                var svg = document.getElementById('rates'), h = document.getElementById('histogram');
                function texts(root, css) { return Array.from(root.querySelectorAll(css)).map(t => t.textContent); }
                var clipped = svg.querySelector('g.clipped');
                return {
                  axisMax: svg.getAttribute('data-axis-max'),
                  yTicks: texts(svg, 'text.y-tick'), yTitle: texts(svg, 'text.y-title'), xTitle: texts(svg, 'text.x-title'),
                  xTicks: texts(svg, 'text.x-tick'),
                  clippedTotal: clipped ? clipped.getAttribute('data-total') : null,
                  clipLabel: clipped ? clipped.querySelector('text.clip-label').textContent : null,
                  ordinary: Array.from(svg.querySelectorAll('g.minute:not(.clipped)')).map(g => g.getBoundingClientRect().height),
                  summary: document.getElementById('rates-summary').textContent,
                  histogramTitle: texts(h, 'text.y-title'), histogramTicks: texts(h, 'text.y-tick')
                };""");
        long axisMax = Long.parseLong((String) chart.get("axisMax"));
        assertThat(axisMax).isLessThan(150);
        List<String> yTicks = (List<String>) chart.get("yTicks");
        assertThat(yTicks).first().isEqualTo("0");
        assertThat(yTicks).last().isEqualTo(String.format(java.util.Locale.ROOT, "%,d", axisMax));
        assertThat((List<String>) chart.get("yTitle")).containsExactly("per minute");
        assertThat((List<String>) chart.get("xTitle")).containsExactly("Time (JST)");
        assertThat((List<String>) chart.get("xTicks")).isNotEmpty()
                .allSatisfy(t -> assertThat(t).matches("[0-2][0-9]:[0-5][05]"));
        assertThat(Long.parseLong((String) chart.get("clippedTotal"))).isGreaterThanOrEqualTo(150);
        assertThat((String) chart.get("clipLabel")).isNotBlank();
        // Each quiet minute (3 or so decisions) is a bar several pixels tall, not a sliver.
        List<Number> ordinary = (List<Number>) chart.get("ordinary");
        assertThat(ordinary).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(height -> assertThat(height.doubleValue()).as("a quiet minute's bar").isGreaterThan(8));
        assertThat((String) chart.get("summary")).contains("cut at the top");
        // The histogram counts on a log scale with labelled axes.
        assertThat((List<String>) chart.get("histogramTitle")).containsExactly("Count (log scale)");
        assertThat((List<String>) chart.get("histogramTicks")).startsWith("0", "1", "10");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.charts').scrollIntoView();");
        HeadlessChromium.screenshot(browser, "screenshots/console-spike.png");
    }

    private void score(String key, String authorizationId) throws Exception {
        String body = "{\"authorizationId\":\"" + authorizationId + "\",\"card\":{\"pan\":\"" + DemoCards.pan(8) + "\"},"
                + "\"amount\":{\"minor\":1200,\"currency\":\"JPY\"},\"merchantId\":\"M-SPIKE\",\"mcc\":\"5411\","
                + "\"terminalId\":\"T-SPIKE\",\"merchantCountry\":\"JP\",\"posEntryMode\":\"05\",\"cardPresent\":true,"
                + "\"timestamp\":\"" + clock.instant() + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/authorizations"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void privacyOfficerFindsTheDataMapAndSeesWhichPurposesMayUseWhat() {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, "http://localhost:" + port, "privacy");

        // A privacy officer starts on the request queue; the data map is in the navigation.
        wait.until(ExpectedConditions.urlContains("/privacy/requests"));
        browser.findElement(By.id("nav-data-map")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "データマップ"));
        assertThat(browser.getCurrentUrl()).endsWith("/privacy/data-map");
        // Income is money data: operating the card may use it, marketing may not.
        List<WebElement> income = browser.findElements(By.cssSelector("tr[data-field=ANNUAL_INCOME] td"));
        assertThat(income.get(0).getText()).isEqualTo("年収（円）");
        assertThat(income.get(1).getText()).isEqualTo("高");
        List<String> purposes = browser.findElements(By.cssSelector("#data-map th.purpose")).stream()
                .map(th -> th.getAttribute("data-purpose")).toList();
        assertThat(income.get(4 + purposes.indexOf("SERVICE_OPERATION")).getAttribute("class")).isEqualTo("allowed");
        assertThat(income.get(4 + purposes.indexOf("MARKETING")).getAttribute("class")).isEqualTo("not-allowed");
        assertThat(browser.findElement(By.cssSelector("#purposes tr[data-purpose=MARKETING]")).getText())
                .contains("停止できます");

        File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(screenshot.toPath(), Path.of("target", "data-map.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        browser.get("http://localhost:" + port + "/privacy/data-map?lang=en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Data map"));
        assertThat(browser.findElement(By.cssSelector("tr[data-field=ANNUAL_INCOME] td")).getText())
                .isEqualTo("Annual income (yen)");
        // The fraud console is not for this role.
        browser.get("http://localhost:" + port + "/console");
        assertThat(browser.getPageSource()).doesNotContain("Apply filters");
    }

    private void scoreOneAuthorization(String authorizationId) throws Exception {
        cards.register(DemoCards.pan(7));
        String terminal = "T" + authorizationId;
        String admin = clients.register("browser-test-admin", EnumSet.of(Role.ADMIN));
        String rule = "{\"id\":\"" + authorizationId + "\",\"description\":\"Terminal under watch\","
                + "\"action\":\"REVIEW\",\"enabled\":true,\"condition\":{\"type\":\"inList\","
                + "\"attribute\":\"TERMINAL\",\"values\":[\"" + terminal + "\"]}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/rules"))
                .header("X-Api-Key", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
        String key = clients.register("browser-test", EnumSet.of(Role.SCORER));
        String body = "{\"authorizationId\":\"" + authorizationId + "\",\"card\":{\"pan\":\"" + DemoCards.pan(7) + "\"},"
                + "\"amount\":{\"minor\":98000,\"currency\":\"JPY\"},\"merchantId\":\"M9\",\"mcc\":\"5732\","
                + "\"terminalId\":\"" + terminal + "\",\"merchantCountry\":\"JP\",\"posEntryMode\":\"81\",\"cardPresent\":false,"
                + "\"timestamp\":\"" + Instant.now() + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/authorizations"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"decision\":\"REVIEW\"");
    }
}
