package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.site.Axe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The classifier page in Chromium on a phone-size window: the customer-experience user sees the active model and
 * its scores, retrains, and reads what happened; axe finds nothing serious; nothing scrolls sideways. Same context
 * as {@code EveryPageBrowserIntegrationTest}. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class VoiceModelBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    VoiceModelBrowserIntegrationTest() {
        super(390, 844);
    }

    @Test
    void theCustomerExperienceTeamReadsTheScoresAndRetrainsOnAPhone() throws Exception {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
        // Signed in by hand: cx lands on /voice, which this branch does not have yet.
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys("cx");
        browser.findElement(By.name("password")).sendKeys(BrowserStaff.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        browser.get(url("/voice/model"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("active-version")));
        String before = browser.findElement(By.id("active-version")).getText();
        assertThat(browser.findElements(By.cssSelector("#topics tbody tr"))).hasSize(Topic.values().length);
        HeadlessChromium.screenshot(browser, "screenshots/voice-model-phone.png");
        if (Axe.installed()) {
            assertThat(Axe.seriousFindings(browser, "/voice/model")).isEmpty();
        }
        assertThat(overflow()).isLessThanOrEqualTo(0);

        browser.findElement(By.id("retrain-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        HeadlessChromium.screenshot(browser, "screenshots/voice-model-retrained-phone.png");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr")).size()).isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("done")).getText()).isNotBlank();
        assertThat(before).isNotBlank();
        assertThat(overflow()).isLessThanOrEqualTo(0);
    }

    private long overflow() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
