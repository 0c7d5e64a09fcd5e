package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.site.Axe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's sandbox inbox in Chromium (390 × 844, then 1280): a partner's applicant opens the setup link, answers
 * the check, follows "open the applicant's inbox" from the code page, reads the code there (the sandbox label on
 * top), goes back and types it. Another address shows nothing; the inbox's own address says what it is.
 * Screenshots in target/screenshots/sandbox-inbox-*.png; axe when installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/sandbox-inbox-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class SandboxInboxBrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Applications applications;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.anshin.notifications.SandboxNotificationSender sandbox;

    @TempDir
    Path browserHome;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPartnersApplicantReadsTheCodeInTheSandboxInboxTheCodePageLinksTo() throws Exception {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        String base = "http://localhost:" + port;
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String reference = "sandbox-inbox-" + digits;
        String birthDate = "1986-07-2" + (digits.charAt(0) - '0');
        String phone = "090-" + digits.substring(0, 4) + "-" + digits.substring(4);
        String apiKey = clients.register("sandbox-inbox-" + digits, EnumSet.of(Role.APPLICATION_INTAKE));
        String body = json.writeValueAsString(Map.of("applicationId", reference, "language", "ja",
                "applicant", Map.ofEntries(Map.entry("nameKanji", "受信太郎"),
                        Map.entry("nameKana", kana(digits) + "　タロウ"),
                        Map.entry("dateOfBirth", birthDate), Map.entry("address", "東京都港区芝公園4-2-8"),
                        Map.entry("phone", phone), Map.entry("email", "i" + digits + "@example.jp"),
                        Map.entry("employer", "受信商事"), Map.entry("annualIncome", 6_000_000),
                        Map.entry("householdSize", 1), Map.entry("housing", "RENTED"),
                        Map.entry("annualCreditRepayments", 0)),
                "requestedLimits", Map.of("revolving", 200_000, "cashAdvance", 0), "consentToScreening", true));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/applications"))
                .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String continueUrl = json.readTree(created.body()).get("continueUrl").asText();
        String id = jdbc.sql("SELECT id FROM applications WHERE client_reference = ?").param(reference)
                .query(String.class).single();
        bureau.assign(id, SandboxCreditBureau.Scenario.CLEAN);

        WebDriver browser = HeadlessChromium.start(browserHome, 390, 844, List.of("--disable-3d-apis"), Map.of());
        List<String> problems = new ArrayList<>();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
            browser.get(base + continueUrl);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-label")));
            browser.findElement(By.cssSelector("label:has(#method-IC_CHIP_AND_FACE)")).click();
            browser.findElement(By.id("choose-method")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("capture-form")));
            browser.findElement(By.cssSelector("label:has(#scenario-PASS)")).click();
            browser.findElement(By.id("send-result")).click();
            wait.until(ExpectedConditions.urlContains("/apply/identity-done"));

            Application issued = applications.find(id).orElseThrow();
            for (int i = 0; i < 100 && issued.status() != ApplicationStatus.ISSUED; i++) {
                Thread.sleep(100);
                issued = applications.find(id).orElseThrow();
            }
            assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/applications/"
                    + reference)).header("X-Api-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            String setupUrl = json.readTree(read.body()).get("setupUrl").asText();

            browser.get(base + setupUrl + "?lang=ja");
            type(browser, "dateOfBirth", birthDate);
            type(browser, "phoneLastFour", digits.substring(4));
            browser.findElement(By.id("confirm")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
            String codePage = browser.getCurrentUrl();
            // The page that says a code was sent leads to the applicant's inbox, labelled as the sandbox.
            WebElement open = browser.findElement(By.id("open-sandbox-inbox"));
            assertThat(open.getText()).contains("サンドボックス");
            String inboxAddress = open.getAttribute("href");
            assertThat(inboxAddress).contains("/sandbox/inbox/").doesNotContain(issued.customerId());
            problems.addAll(fits(browser, "code page with the inbox link"));
            HeadlessChromium.screenshot(browser, "screenshots/sandbox-inbox-code-page-phone.png");
            open.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("inbox")));
            assertThat(browser.findElement(By.id("sandbox-label")).getText()).contains("サンドボックス");
            String code = new SandboxInbox(sandbox).latestCode(applications.find(id).orElseThrow());
            List<WebElement> notices = browser.findElements(By.cssSelector("#inbox li"));
            assertThat(notices).isNotEmpty();
            assertThat(notices.get(0).getAttribute("data-notice")).startsWith("onboarding-code:" + id);
            assertThat(notices.get(0).getText()).contains(code);
            problems.addAll(fits(browser, "inbox"));
            HeadlessChromium.screenshot(browser, "screenshots/sandbox-inbox-phone.png");

            browser.get(codePage);
            type(browser, "code", code);
            browser.findElement(By.id("confirm-code")).click();
            wait.until(ExpectedConditions.urlContains("/apply/" + id + "/decision"));
            assertThat(browser.findElement(By.id("activation-code")).getText()).isNotBlank();

            // Another address holds nobody's notices; the inbox's own address names no one.
            browser.get(base + "/sandbox/inbox/" + "A".repeat(32) + "?lang=en");
            assertThat(browser.findElements(By.id("inbox-empty"))).hasSize(1);
            problems.addAll(fits(browser, "inbox, empty"));
            browser.get(base + "/sandbox/inbox?lang=en");
            assertThat(browser.findElement(By.id("inbox-about")).getText()).contains("open the applicant's inbox");
            assertThat(browser.getPageSource()).doesNotContain(code);
            problems.addAll(fits(browser, "inbox, about"));

            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(inboxAddress + "?lang=en");
            assertThat(browser.findElement(By.id("sandbox-label")).getText()).contains("Sandbox");
            assertThat(browser.findElement(By.id("inbox")).getText()).contains(code);
            HeadlessChromium.screenshot(browser, "screenshots/sandbox-inbox-wide-en.png");
        } finally {
            HeadlessChromium.stop(browser);
        }
        assertThat(problems).isEmpty();
    }

    private static String kana(String digits) {
        StringBuilder kana = new StringBuilder();
        digits.chars().forEach(c -> kana.append((char) ('ア' + (c - '0') * 3)));
        return kana.toString();
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Nothing wider than the phone, buttons big enough to tap, and nothing axe finds serious. */
    private static List<String> fits(WebDriver browser, String page) throws Exception {
        List<String> problems = new ArrayList<>();
        long overflow = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        if (overflow > 0) {
            problems.add(page + ": " + overflow + " px wider than the phone");
        }
        for (WebElement button : browser.findElements(By.cssSelector("main button, main a.button"))) {
            if (button.getSize().getHeight() < 24) {
                problems.add(page + ": button " + button.getAttribute("id") + " is under 24 px high");
            }
        }
        if (Axe.installed()) {
            problems.addAll(Axe.seriousFindings(browser, "apply " + page));
        } else {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: npm ci in anshin-server/src/test/a11y");
        }
        return problems;
    }
}
