package dev.anshin.onboarding;

import static dev.anshin.HeadlessChromium.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.site.PhoneLayout;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's applicant in Chromium (390 × 844, then 1280): through the sandbox eKYC vendor back to the
 * neutral page (no cookie of ours, no 404), then the partner's setup link: the check (a wrong answer shown,
 * then the right one), the one-time code sent to the applicant's own contact (a wrong one shown, then the right
 * one), the decision page with the portal's activation code, and the used link saying it no
 * longer works. Screenshots in target/screenshots/apply-partner-*.png; axe when installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/partner-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class PartnerApplicantBrowserIntegrationTest {

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
    void aPartnersApplicantComesBackToANeutralPageAndOpensTheSetupLinkWithTheCheck() throws Exception {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        String base = "http://localhost:" + port;
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String reference = "partner-browser-" + digits;
        String birthDate = "1988-04-1" + (digits.charAt(0) - '0');
        String phone = "090-" + digits.substring(0, 4) + "-" + digits.substring(4);
        String apiKey = clients.register("partner-browser-" + digits, EnumSet.of(Role.APPLICATION_INTAKE));
        String body = json.writeValueAsString(Map.of("applicationId", reference, "language", "en",
                "applicant", Map.ofEntries(Map.entry("nameKanji", "提携花子"),
                        Map.entry("nameKana", kana(digits) + "　ハナコ"),
                        Map.entry("dateOfBirth", birthDate), Map.entry("address", "大阪府大阪市北区梅田1-1-1"),
                        Map.entry("phone", phone), Map.entry("email", "b" + digits + "@example.jp"),
                        Map.entry("employer", "提携商事"), Map.entry("annualIncome", 6_000_000),
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
            assertThat(browser.findElement(By.id("identity-done")).getText()).contains("Thank you");
            assertThat(browser.getPageSource()).doesNotContain(id);
            problems.addAll(fits(browser, "identity-done"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-back-phone.png");

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
            assertThat(browser.findElements(By.id("phoneLastFour"))).hasSize(1);
            problems.addAll(fits(browser, "link check"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-check-phone.png");
            type(browser, "dateOfBirth", "1950-01-01");
            type(browser, "phoneLastFour", digits.substring(4));
            browser.findElement(By.id("confirm")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("link-wrong")));
            problems.addAll(fits(browser, "link check, wrong"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-check-wrong-phone.png");
            type(browser, "dateOfBirth", birthDate);
            type(browser, "phoneLastFour", digits.substring(4));
            browser.findElement(By.id("confirm")).click();
            // The right answers (which the partner knows too) only send a code to the applicant's own contact.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
            problems.addAll(fits(browser, "link code"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-code-phone.png");
            String code = new SandboxInbox(sandbox).latestCode(applications.find(id).orElseThrow());
            assertThat(browser.getPageSource()).doesNotContain(code);
            type(browser, "code", code.equals("000000") ? "111111" : "000000");
            browser.findElement(By.id("confirm-code")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-error")));
            problems.addAll(fits(browser, "link code, wrong"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-code-wrong-phone.png");
            type(browser, "code", code);
            browser.findElement(By.id("confirm-code")).click();
            wait.until(ExpectedConditions.urlContains("/apply/" + id + "/decision"));
            assertThat(browser.findElement(By.id("activation-code")).getText()).isNotBlank();

            browser.get(base + setupUrl);
            assertThat(browser.findElements(By.id("link-spent"))).hasSize(1);
            problems.addAll(fits(browser, "link spent"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-spent-phone.png");

            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(base + "/apply/identity-done?lang=en");
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-back-wide-en.png");
            browser.get(base + setupUrl + "?lang=en");
            HeadlessChromium.screenshot(browser, "screenshots/apply-partner-spent-wide-en.png");
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

    /** Nothing wider than the phone, buttons big enough to tap, and nothing axe finds serious. */
    private static List<String> fits(WebDriver browser, String page) throws Exception {
        return PhoneLayout.problems(browser, "apply " + page);
    }
}
