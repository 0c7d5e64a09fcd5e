package dev.anshin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff console in a real browser (headless Chromium): sign in, see a decision that was just
 * scored through the API with its reasons and the card masked, watch the live charts draw, switch
 * to English. Skipped, with a message, on a machine without Chromium; CI installs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class ConsoleBrowserIntegrationTest {


    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @TempDir
    Path browserHome;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        browser = HeadlessChromium.start(browserHome, 1400, 1000);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            HeadlessChromium.stop(browser);
        }
    }

    @Test
    void analystSeesTheDecisionJustScoredWithReasonsAndLiveCharts() throws Exception {
        String authorizationId = "browser-" + Instant.now().toEpochMilli();
        scoreOneAuthorization(authorizationId);

        browser.get("http://localhost:" + port + "/console");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("サインイン");
        browser.findElement(By.name("username")).sendKeys("analyst");
        browser.findElement(By.name("password")).sendKeys("browser-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), authorizationId));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("不正検知コンソール");
        String row = browser.findElement(By.xpath("//tr[td[text()='" + authorizationId + "']]")).getText();
        assertThat(row).contains(DemoCards.BIN).doesNotContain(DemoCards.pan(7));
        assertThat(browser.findElements(By.xpath("//tr[td[text()='" + authorizationId + "']]//ul[@class='reasons']/li")))
                .isNotEmpty();
        wait.until(d -> !d.findElements(By.cssSelector("#rates rect")).isEmpty());
        wait.until(d -> !d.findElements(By.cssSelector("#histogram rect")).isEmpty());
        File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.get("http://localhost:" + port + "/console?lang=en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Anshin fraud console"));
    }

    @Test
    void privacyOfficerFindsTheDataMapAndSeesWhichPurposesMayUseWhat() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.name("username")).sendKeys("privacy");
        browser.findElement(By.name("password")).sendKeys("browser-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // A privacy officer starts on the request queue; the data map is in the navigation.
        wait.until(ExpectedConditions.urlContains("/privacy/requests"));
        browser.findElement(By.id("nav-data-map")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "データマップ"));
        assertThat(browser.getCurrentUrl()).endsWith("/privacy/data-map");
        // Income is money data: operating the card may use it, marketing may not.
        List<WebElement> income = browser.findElements(By.cssSelector("tr[data-field=ANNUAL_INCOME] td"));
        assertThat(income.get(0).getText()).isEqualTo("年収(円)");
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
        assertThat(browser.getPageSource()).doesNotContain("Recent decisions");
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
