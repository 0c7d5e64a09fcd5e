package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.site.Axe;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * The sandbox vendor end to end, on a real server: a verification started through the module's
 * API, the applicant on the sandbox's pages, the result signed with the sandbox's own key and
 * posted over HTTP to the webhook, the verification concluded and {@link EkycConcluded} published;
 * then the same in Chromium at a phone's size (390 × 844), with axe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/ekyc-sandbox-test-data",
        "anshin.postgres.database=anshin_test"})
@Import({MovableClock.class, EkycSandboxBrowserIntegrationTest.Concluded.class})
class EkycSandboxBrowserIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String RETURN = "/portal/help";

    /** Every EkycConcluded published, on whatever thread (the webhook's request runs on the server's). */
    @TestConfiguration
    static class Concluded {
        final Queue<EkycConcluded> seen = new ConcurrentLinkedQueue<>();

        @EventListener
        void on(EkycConcluded event) {
            seen.add(event);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EkycVerifications verifications;

    @Autowired
    Concluded concluded;

    @TempDir
    Path browserHome;

    @Test
    void theSandboxPostsASignedResultToTheWebhookAndTheVerificationConcludes() throws Exception {
        String subject = "application-" + System.nanoTime();
        EkycVerifications.Started started = verifications.start(subject, URI.create(RETURN), Locale.JAPANESE);
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> method = http.send(HttpRequest.newBuilder(url(started.continueUrl().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(200);
        assertThat(method.body()).contains("id=\"sandbox-label\"").contains("サンドボックス");
        HttpResponse<String> capture = http.send(HttpRequest.newBuilder(url(started.continueUrl()
                + "/capture?method=IC_CHIP_AND_FACE")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(capture.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(capture.body());
        assertThat(csrf.find()).isTrue();

        String form = "method=IC_CHIP_AND_FACE&scenario=FACE_MISMATCH&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(url(started.continueUrl() + "/capture"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith(RETURN);
        EkycVerification v = verifications.find(started.verificationId()).orElseThrow();
        assertThat(v.status()).isEqualTo(EkycStatus.FAILED);
        assertThat(v.reasons()).containsExactly(EkycReason.FACE_MISMATCH);
        assertThat(v.result().method()).isEqualTo(EkycMethod.IC_CHIP_AND_FACE);
        assertThat(concluded.seen).contains(new EkycConcluded(started.verificationId(), subject, EkycOutcome.FAILED));

        // Back on the sandbox's page afterwards: it says the check is finished, and sends nothing again.
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(url(started.continueUrl().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).contains("id=\"finished\"");
    }

    @Test
    void theSandboxRefusesAFormWithoutItsCsrfToken() throws Exception {
        EkycVerifications.Started started = verifications.start("application-" + System.nanoTime(),
                URI.create(RETURN), Locale.JAPANESE);
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        url(started.continueUrl() + "/capture"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("method=JPKI&scenario=PASS")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(verifications.find(started.verificationId()).orElseThrow().status()).isEqualTo(EkycStatus.STARTED);
    }

    @Test
    void anUnknownVerificationIsNotFound() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                url("/sandbox/ekyc/sbx-no-such-verification")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
    }

    @Test
    void anApplicantVerifiesOnAPhoneInChromium() throws Exception {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        String subject = "application-" + System.nanoTime();
        EkycVerifications.Started started = verifications.start(subject, URI.create(RETURN), Locale.ENGLISH);
        WebDriver browser = HeadlessChromium.start(browserHome, 390, 844);
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
            Files.createDirectories(Path.of("target", "screenshots"));
            browser.get(url(started.continueUrl().toString()).toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sandbox-label")));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.id("sandbox-label")).getText()).contains("Sandbox");
            assertThat(browser.findElement(By.id("sandbox-label")).isDisplayed()).isTrue();
            List<String> problems = new java.util.ArrayList<>(fits(browser, "method"));
            HeadlessChromium.screenshot(browser, "screenshots/ekyc-sandbox-method-phone.png");

            browser.findElement(By.cssSelector("label:has(#method-JPKI)")).click();
            browser.findElement(By.id("choose-method")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("capture-form")));
            assertThat(browser.findElement(By.id("chosen-method")).getText()).contains("JPKI");
            problems.addAll(fits(browser, "capture"));
            HeadlessChromium.screenshot(browser, "screenshots/ekyc-sandbox-capture-phone.png");

            browser.findElement(By.cssSelector("label:has(#scenario-PASS)")).click();
            browser.findElement(By.id("send-result")).click();
            wait.until(ExpectedConditions.urlContains(RETURN));
            assertThat(problems).isEmpty();
        } finally {
            HeadlessChromium.stop(browser);
        }
        EkycVerification v = verifications.find(started.verificationId()).orElseThrow();
        assertThat(v.status()).isEqualTo(EkycStatus.PASSED);
        assertThat(v.result().method()).isEqualTo(EkycMethod.JPKI);
        assertThat(concluded.seen).contains(new EkycConcluded(started.verificationId(), subject, EkycOutcome.PASSED));
    }

    /** Nothing wider than the phone, buttons big enough to tap, and nothing axe finds serious. */
    private static List<String> fits(WebDriver browser, String page) throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long overflow = ((Number) js.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        if (overflow > 0) {
            problems.add(page + ": " + overflow + " px wider than the phone");
        }
        for (var button : browser.findElements(By.cssSelector("main button"))) {
            if (button.getSize().getHeight() < 24) {
                problems.add(page + ": button " + button.getAttribute("id") + " is under 24 px high");
            }
        }
        if (Axe.installed()) {
            problems.addAll(Axe.seriousFindings(browser, "sandbox " + page + " at 390×844"));
        } else {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: npm ci in anshin-server/src/test/a11y");
        }
        return problems;
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
