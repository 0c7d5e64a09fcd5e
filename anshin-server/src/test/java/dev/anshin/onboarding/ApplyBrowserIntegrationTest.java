package dev.anshin.onboarding;

import static dev.anshin.HeadlessChromium.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.site.PhoneLayout;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.screening.SandboxCreditBureau;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A clean applicant in Chromium, on a phone (390 × 844), from the form to a card that scores 200 through
 * {@code POST /api/v1/authorizations}: a mistake shown next to its field with nothing typed lost, the
 * device collector on the review page, the sandbox eKYC vendor (its signed webhook over real HTTP), the
 * approval, the portal account set up with the activation code from the decision page, and the card shown
 * once. Then the same pages at 1280. Screenshots in target/screenshots/apply-*.png; axe when installed.
 *
 * <p>The browser is made to look like a person's in Japan: its clock on Tokyo time and no automation flag
 * in the page (a headless ChromeDriver session is otherwise referred, correctly: DEVICE_AUTOMATION).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class ApplyBrowserIntegrationTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/130.0.0.0 Safari/537.36";

    /**
     * This class's own data folder, new at each run: the test's browser is one device to the devices module, and
     * a folder kept from an earlier run would count that run's applications from it (DEVICE_MANY_APPLICATIONS,
     * correctly). The folders of earlier runs are removed first.
     */
    @DynamicPropertySource
    static void freshDataFolder(DynamicPropertyRegistry registry) throws java.io.IOException {
        Path folders = Path.of("target", "apply-browser-test-data");
        org.springframework.util.FileSystemUtils.deleteRecursively(folders);
        String fresh = "./" + folders.resolve(UUID.randomUUID().toString()); // H2 wants ./ for a relative path
        registry.add("anshin.data-dir", () -> fresh);
    }

    @LocalServerPort
    int port;

    @Autowired
    Applications applications;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    ApiClients clients;

    @Autowired
    MovableClock clock;

    @TempDir
    Path browserHome;

    @Test
    void aCleanApplicantGoesFromTheFormToACardThatScores() throws Exception {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        WebDriver browser = HeadlessChromium.start(browserHome, 390, 844,
                List.of("--disable-blink-features=AutomationControlled", "--user-agent=" + USER_AGENT,
                        "--disable-3d-apis"),
                Map.of("TZ", "Asia/Tokyo"));
        List<String> problems = new ArrayList<>();
        String base = "http://localhost:" + port;
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
            browser.get(base + "/apply");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("カードのお申し込み");
            problems.addAll(fits(browser, "start"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-start-phone.png");
            browser.findElement(By.id("start")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nameKanji")));
            String id = browser.getCurrentUrl().replaceAll(".*/apply/([^/]+)/about-you$", "$1");
            assertThat(id).startsWith("APP-");
            bureau.assign(id, SandboxCreditBureau.Scenario.CLEAN);

            // The language switch keeps what was typed (shown again, not saved), and back.
            type(browser, "nameKanji", "安心 花子");
            browser.findElement(By.id("language")).click();
            wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("About you");
            assertThat(browser.findElement(By.id("nameKanji")).getAttribute("value")).isEqualTo("安心 花子");
            browser.findElement(By.id("language")).click();
            wait.until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            assertThat(browser.findElement(By.id("nameKanji")).getAttribute("value")).isEqualTo("安心 花子");

            // About you, with a birth date that makes the applicant 17: refused next to the field, nothing lost.
            String digits = String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
            type(browser, "nameKanji", "安心 花子");
            // A family name of this run's own: the test data folder outlives a run, and the same person applying
            // again would be referred (SAME_PERSON_ACTIVE).
            String kana = Person.randomKana() + " ハナコ";
            type(browser, "nameKana", kana);
            type(browser, "dateOfBirth", java.time.LocalDate.now().minusYears(17).toString());
            type(browser, "address", "東京都千代田区丸の内1-1-1 安心ビル101");
            type(browser, "phone", "080-" + digits.substring(0, 4) + "-" + digits.substring(4));
            type(browser, "email", "hanako." + digits + "@example.jp");
            browser.findElement(By.id("save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dateOfBirth-error")));
            assertThat(browser.findElement(By.id("dateOfBirth-error")).getText()).contains("18歳以上");
            assertThat(browser.findElement(By.id("dateOfBirth")).getAttribute("aria-describedby"))
                    .contains("dateOfBirth-error");
            assertThat(browser.findElement(By.id("nameKana")).getAttribute("value")).isEqualTo(kana);
            assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("hanako." + digits
                    + "@example.jp");
            problems.addAll(fits(browser, "about-you with a problem"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-field-error-phone.png");
            type(browser, "dateOfBirth", "1992/6/15");
            type(browser, "email", "hanako." + digits + "@example");
            browser.findElement(By.id("save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email-error")));
            assertThat(browser.findElement(By.id("email-error")).getText()).contains("ドメイン");
            assertThat(browser.findElement(By.id("dateOfBirth")).getAttribute("value")).isEqualTo("1992-06-15");
            type(browser, "email", "hanako." + digits + "@example.jp");
            browser.findElement(By.id("save")).click();

            // Work and money; limits and consent.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("employer")));
            type(browser, "employer", "安心商事株式会社");
            type(browser, "annualIncome", "5000000");
            type(browser, "householdSize", "1");
            browser.findElement(By.cssSelector("label:has(#housing-RENTED)")).click();
            type(browser, "annualCreditRepayments", "0");
            assertThat(browser.findElement(By.id("back")).getAttribute("href")).endsWith("/apply/" + id + "/about-you");
            problems.addAll(fits(browser, "work and money"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-work-phone.png");
            browser.findElement(By.id("save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requestedRevolving")));
            type(browser, "requestedRevolving", "300000");
            type(browser, "requestedCashAdvance", "0");
            browser.findElement(By.cssSelector("label[for=consent]")).click();
            HeadlessChromium.screenshot(browser, "screenshots/apply-limits-phone.png");
            browser.findElement(By.id("save")).click();

            // Review: the collector fills the hidden field before the applicant sends.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit")));
            wait.until(d -> !d.findElement(By.name("deviceObservation")).getAttribute("value").isEmpty());
            assertThat(browser.findElement(By.id("review-housing")).getText()).contains("賃貸");
            assertThat(browser.findElement(By.id("review-annualIncome")).getText()).isEqualTo("5,000,000円");
            problems.addAll(fits(browser, "review"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-review-phone.png");
            browser.findElement(By.id("submit")).click();

            // The sandbox eKYC vendor: IC chip + face, a clean check; back to the decision.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-label")));
            browser.findElement(By.cssSelector("label:has(#method-IC_CHIP_AND_FACE)")).click();
            browser.findElement(By.id("choose-method")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("capture-form")));
            browser.findElement(By.cssSelector("label:has(#scenario-PASS)")).click();
            browser.findElement(By.id("send-result")).click();
            wait.until(ExpectedConditions.urlContains("/apply/" + id + "/decision"));
            for (int i = 0; i < 20 && browser.findElements(By.id("working")).size() > 0; i++) {
                Thread.sleep(500);
                browser.findElement(By.id("check-again")).click();
            }
            Application decided = applications.find(id).orElseThrow();
            // Nothing referred (this machine's browser from an earlier run may be noted as a weak duplicate device).
            assertThat(decided.decision().referring()).as("the policy's referring reasons").isEmpty();
            assertThat(decided.status()).isEqualTo(ApplicationStatus.ISSUED);
            assertThat(browser.findElements(By.id("approved"))).hasSize(1);
            String activationCode = browser.findElement(By.id("activation-code")).getText();
            problems.addAll(fits(browser, "approved"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-approved-phone.png");

            // Decided automatically: the start page (the browser's way back) says approved, not "after review".
            browser.get(base + "/apply");
            assertThat(browser.findElement(By.id("decided-notice")).getText()).contains("承認されました")
                    .doesNotContain("担当者");
            browser.get(base + "/apply/" + id + "/decision");
            // The portal account in the same flow: the decision page's link carries the code over (in the
            // fragment, which the browser never sends), the activation signs in and lands on the new card.
            String loginId = "hanako-" + digits;
            browser.findElement(By.id("activate")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activationCode")));
            wait.until(d -> activationCode.equals(d.findElement(By.id("activationCode")).getAttribute("value")));
            assertThat(browser.getCurrentUrl()).doesNotContain("#").doesNotContain(activationCode);
            assertThat(browser.findElement(By.name("password")).getAttribute("minlength")).isEqualTo("12");
            problems.addAll(fits(browser, "activate"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-activate-phone.png");
            BrowserCardholder.finishActivation(browser, loginId, clock);
            wait.until(ExpectedConditions.urlContains("/portal/new-card/" + id));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reveal")));
            HeadlessChromium.screenshot(browser, "screenshots/apply-portal-new-card-phone.png");
            // The portal's home leads to the card not yet shown too.
            browser.get(base + "/portal/usage");
            assertThat(browser.findElement(By.id("new-card-" + id)).getAttribute("href"))
                    .endsWith("/portal/new-card/" + id);
            browser.get(base + "/apply/" + id + "/decision");
            browser.findElement(By.id("see-card")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reveal")));
            browser.findElement(By.id("reveal")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-number")));
            // Four groups of four on one line at 390 px.
            WebElement shown = browser.findElement(By.id("card-number"));
            assertThat(shown.getRect().getHeight()).as("the card number on one line")
                    .isLessThan(2 * Integer.parseInt(shown.getCssValue("font-size").replace("px", "").split("\\.")[0]));
            String number = shown.getText().replace(" ", "");
            assertThat(number).startsWith("499999").hasSize(16);
            assertThat(browser.findElement(By.id("card-code")).getText()).matches("[0-9]{3}");
            assertThat(browser.findElement(By.id("card-expiry")).getText()).matches("[0-9]{2}/[0-9]{2}");
            problems.addAll(fits(browser, "card"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-card-phone.png");
            // A reload does not show it again.
            browser.get(base + "/portal/new-card/" + id);
            assertThat(browser.findElements(By.id("card-number"))).isEmpty();
            assertThat(browser.findElement(By.id("revealed")).isDisplayed()).isTrue();
            browser.get(base + "/portal/usage");
            assertThat(browser.findElements(By.id("new-card-" + id))).isEmpty();

            // The card scores in the same minute.
            String scorer = clients.register("apply-browser-scorer-" + digits, EnumSet.of(Role.SCORER));
            String body = """
                    {"authorizationId":"%s","card":{"pan":"%s"},"amount":{"minor":1250,"currency":"USD"},
                     "merchantId":"m-apply","mcc":"5411","terminalId":"t-apply","merchantCountry":"JP",
                     "posEntryMode":"05","cardPresent":true,"timestamp":"%s"}""".formatted("auth-" + UUID.randomUUID(),
                    number, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            HttpResponse<String> scored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/authorizations")).header("X-Api-Key", scorer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);

            // Someone else's decision link (no cookie of theirs): the site's page, not JSON.
            browser.get(base + "/apply/APP-not-mine/decision");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
            assertThat(browser.getPageSource()).doesNotContain("\"status\"");
            assertThat(browser.findElement(By.id("home")).getAttribute("href")).endsWith("/apply");
            problems.addAll(fits(browser, "not found"));
            HeadlessChromium.screenshot(browser, "screenshots/apply-not-found-phone.png");

            // The same pages on a wide screen.
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(base + "/apply/" + id + "/decision");
            HeadlessChromium.screenshot(browser, "screenshots/apply-approved-wide.png");
            browser.get(base + "/apply?lang=en");
            HeadlessChromium.screenshot(browser, "screenshots/apply-start-wide-en.png");
            browser.get(base + "/portal/new-card/" + id);
            HeadlessChromium.screenshot(browser, "screenshots/apply-card-wide.png");
            browser.get(base + "/apply/APP-not-mine/decision");
            HeadlessChromium.screenshot(browser, "screenshots/apply-not-found-wide.png");
        } finally {
            HeadlessChromium.stop(browser);
        }
        assertThat(problems).isEmpty();
    }

    /** Nothing wider than the phone, buttons big enough to tap, and nothing axe finds serious. */
    private static List<String> fits(WebDriver browser, String page) throws Exception {
        return PhoneLayout.problems(browser, "apply " + page + " at 390×844");
    }
}
