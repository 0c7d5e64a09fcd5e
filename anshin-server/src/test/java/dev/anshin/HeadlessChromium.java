package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, for the browser tests: its own home and profile in a temporary
 * directory (hermetic), Japanese as the browser's language, and the driver at its Debian path so
 * Selenium Manager never goes to the network (STACK-NOTES.md).
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Whether the Debian packages are there (tests skip themselves otherwise; .ci/run installs them). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * A fresh browser as {@link #start}, or the calling test skipped (an assumption, with a message)
     * when Chromium is not installed.
     */
    public static WebDriver startOrSkip(Path home, int width, int height) {
        Assumptions.assumeTrue(installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        return start(home, width, height);
    }

    /** A fresh browser living in {@code home}, its window {@code width} × {@code height}. */
    public static WebDriver start(Path home, int width, int height) {
        return start(home, width, height, java.util.List.of(), Map.of());
    }

    /**
     * A fresh browser as {@link #start(Path, int, int)}, with more command-line arguments and environment
     * (a test that needs the browser to look like a person's in Japan: its clock on Tokyo time, no
     * automation flag in the page; docs/devices.md says what a careful bot can hide).
     */
    public static WebDriver start(Path home, int width, int height, java.util.List<String> arguments,
            Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(env)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--lang=ja", "--user-data-dir=" + home.resolve("profile"));
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja"));
        // The browser's console, so tests can see what the content security policy refused.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new ChromeDriver(service, options);
    }

    /**
     * What the browser refused to load or run because of the pages' content security policy since
     * the last call (inline script or style, a script from elsewhere...): empty while the pages keep
     * to their policy. Read before the browser quits.
     */
    public static List<String> contentSecurityPolicyViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /**
     * Quits the browser, failing the test when the content security policy refused anything on its
     * pages; nothing to do when none was started (the test was skipped).
     */
    public static void stop(WebDriver browser) {
        if (browser == null) {
            return;
        }
        try {
            List<String> violations = contentSecurityPolicyViolations(browser);
            if (!violations.isEmpty()) {
                throw new AssertionError("the content security policy refused: " + violations);
            }
        } finally {
            browser.quit();
        }
    }

    /**
     * Saves what the browser shows as {@code target/<name>} (its folder made if need be), for a person
     * to look at after the run.
     */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A wait on {@code browser} for up to {@code timeout} that asks again when the page was replaced
     * under the question (an element found on the old page, read after the new one loaded): a
     * navigation in flight is not a failure, only the condition never becoming true is.
     */
    public static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** How many pixels the page is wider than the window: above 0, a reader has to scroll sideways. */
    public static long overflow(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    /** Fails when the page is wider than the window. */
    public static void assertNoOverflow(WebDriver browser) {
        assertThat(overflow(browser)).as("wider than the screen").isLessThanOrEqualTo(0);
    }

    /** Scrolls the element with this id to the top of the window (for a screenshot of that part). */
    public static void scrollTo(WebDriver browser, String id) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                browser.findElement(By.id(id)));
    }

    /** Clicks the element with this id once the page has it, scrolled to the middle first (clear of sticky bars). */
    public static void click(WebDriver browser, String id) {
        WebElement element = waitFor(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Types {@code text} into the field with this id, in place of what it held. */
    public static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
