package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.fraud.models.ModelRegistry;
import dev.anshin.training.TrainedModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator's journey in Chromium, at a phone's size: makes an API key and sees it once
 * (the list never shows it again), adds a rule with a mistake, reads the message next to the field,
 * fixes it and finds the rule in force, then activates a model after ticking the confirmation.
 * Screenshots of each step go to {@code target/screenshots}. Skipped without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class AdminPagesBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    private WebDriverWait wait;

    AdminPagesBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        browser.manage().window().setSize(new Dimension(390, 844));
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
    }

    /** Leaves no model deciding for other tests in this context. */
    @AfterEach
    void retireTheModels() {
        registry.list().stream().filter(m -> m.status() != ModelRegistry.Status.RETIRED)
                .forEach(m -> registry.retire(m.version(), "test-cleanup"));
    }

    @Test
    void anAdministratorMakesAKeyFixesARuleAndActivatesAModel() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        BrowserStaff.signIn(browser, "http://localhost:" + port, "admin");

        // An API key, shown once.
        browser.findElement(By.id("nav-keys")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "APIキー"));
        browser.findElement(By.id("name")).sendKeys("browser-" + tag);
        browser.findElement(By.id("role-SCORER")).click();
        browser.findElement(By.id("issue-key")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
        String key = browser.findElement(By.id("secret")).getText();
        assertThat(key).matches("ank_[A-Za-z0-9]{32}");
        HeadlessChromium.screenshot(browser, "screenshots/admin-key-issued-phone.png");
        browser.findElement(By.id("back-to-keys")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-client='browser-" + tag + "']")));
        assertThat(browser.getPageSource()).doesNotContain(key).contains(key.substring(0, 12));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("keys")));
        assertThat(browser.getPageSource()).doesNotContain(key);

        // A rule with a mistake, fixed.
        browser.findElement(By.id("nav-rules")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-rule"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-form")));
        String ruleId = "browser-" + tag;
        browser.findElement(By.id("id")).sendKeys(ruleId);
        browser.findElement(By.id("description")).sendKeys("Browser test merchant, large amounts");
        new Select(browser.findElement(By.id("action"))).selectByValue("DECLINE");
        new Select(browser.findElement(By.id("type0"))).selectByValue("feature");
        new Select(browser.findElement(By.id("feature0"))).selectByValue("amount");
        new Select(browser.findElement(By.id("comparison0"))).selectByValue("GT");
        browser.findElement(By.id("value0")).sendKeys("50,000");
        new Select(browser.findElement(By.id("type1"))).selectByValue("inList");
        new Select(browser.findElement(By.id("attribute1"))).selectByValue("MERCHANT");
        browser.findElement(By.id("values1")).sendKeys("m-browser-" + tag);
        browser.findElement(By.id("save-rule")).click();
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("value0-error")));
        assertThat(error.getText()).contains("数値");
        assertThat(browser.findElement(By.id("value0")).getAttribute("aria-invalid")).isEqualTo("true");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("type0")));
        HeadlessChromium.screenshot(browser, "screenshots/admin-rule-error-phone.png");
        WebElement value = browser.findElement(By.id("value0"));
        value.clear();
        value.sendKeys("50000");
        browser.findElement(By.id("save-rule")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-rule='" + ruleId + "']")));
        assertThat(row.getText()).contains("金額 > 50000").contains("m-browser-" + tag).contains("拒否");
        assertThat(browser.findElement(By.id("done")).getText()).contains(ruleId);
        HeadlessChromium.screenshot(browser, "screenshots/admin-rules-phone.png");

        // A model activated after the confirmation.
        String version = registry.register(new TrainedModel(model(), List.of("amount"), null, null, null, null,
                Map.of("train_auc", 0.9, "train_ap", 0.6)), "test").version();
        browser.findElement(By.id("nav-models")).click();
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-model='" + version + "'] form.activate")));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // Not ticked: the browser keeps the form (required), and the server would refuse it anyway.
        assertThat(registry.find(version).orElseThrow().status()).isEqualTo(ModelRegistry.Status.SHADOW);
        form = browser.findElement(By.cssSelector("tr[data-model='" + version + "'] form.activate"));
        form.findElement(By.name("confirmed")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-model='" + version + "'][data-status='ACTIVE']")));
        assertThat(browser.findElement(By.id("active-version")).getText()).isEqualTo(version);
        assertThat(browser.findElement(By.id("done")).getText()).contains(version);
        HeadlessChromium.screenshot(browser, "screenshots/admin-models-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
        HeadlessChromium.screenshot(browser, "screenshots/admin-models-desktop.png");
    }

    private static String model() throws Exception {
        try (InputStream in = AdminPagesBrowserIntegrationTest.class.getResourceAsStream("/models/amount-model.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
