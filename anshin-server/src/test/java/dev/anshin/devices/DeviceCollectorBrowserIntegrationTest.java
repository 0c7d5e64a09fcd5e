package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The collector script in a real browser (headless Chromium), on a tiny page that includes it as a
 * form would, under the site's content security policy: it fills the form's hidden field with an
 * observation's reference, the observation holds the browser's real signals, and a browser driven by
 * WebDriver is recognised as automated. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/devices-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class DeviceCollectorBrowserIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Devices devices;

    @TempDir
    Path browserHome;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        browser = HeadlessChromium.start(browserHome, 390, 844);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            HeadlessChromium.stop(browser);
        }
    }

    private String referenceOnPage() {
        browser.get("http://localhost:" + port + "/assets/device-collector-test.html");
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20)).until(b ->
                !b.findElement(By.id("device")).getDomProperty("value").isEmpty());
        return browser.findElement(By.id("device")).getDomProperty("value");
    }

    @Test
    void theScriptFillsTheFormsFieldWithAnObservationOfThisBrowser() {
        String reference = referenceOnPage();
        ObservedDevice observed = devices.observation(reference).orElseThrow();
        DeviceReputation reputation = devices.reputationOf(observed.deviceId());
        assertThat(reputation.known()).isTrue();
        assertThat(reputation.observations()).isGreaterThanOrEqualTo(1);
        // The browser's languages are Japanese (HeadlessChromium sets them): nothing to note there.
        assertThat(reputation.languageNotJapanese()).isFalse();
    }

    @Test
    void aBrowserDrivenByWebDriverIsRecognisedAsAutomated() {
        ObservedDevice observed = devices.observation(referenceOnPage()).orElseThrow();
        assertThat(observed.automation()).contains(AutomationMarker.WEBDRIVER);
        assertThat(devices.reputationOf(observed.deviceId()).reasons()).contains(DeviceReason.AUTOMATION);
    }

    @Test
    void theSameBrowserComingBackIsTheSameDevice() {
        String first = devices.observation(referenceOnPage()).orElseThrow().deviceId();
        String second = devices.observation(referenceOnPage()).orElseThrow().deviceId();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theScriptsApiAnswersAReference() {
        referenceOnPage();
        Object reference = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; AnshinDevice.collect().then(done);");
        assertThat(reference).isInstanceOf(String.class);
        assertThat(devices.observation((String) reference)).isPresent();
    }

    @Test
    void aPageWithTwoFieldsIsObservedOnceAndBothCarryTheSameReference() {
        browser.get("http://localhost:" + port + "/assets/device-collector-two-fields-test.html");
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20)).until(b ->
                !b.findElement(By.id("device")).getDomProperty("value").isEmpty()
                        && !b.findElement(By.id("device-again")).getDomProperty("value").isEmpty());
        String first = browser.findElement(By.id("device")).getDomProperty("value");
        String second = browser.findElement(By.id("device-again")).getDomProperty("value");
        assertThat(second).isEqualTo(first);
        assertThat(devices.observation(first)).isPresent();
    }
}
