package dev.anshin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.privacy.PersonalData;
import dev.anshin.site.Axe;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opinion forms and the counter entry in Chromium on a phone (390 × 844): a cardholder sends an opinion from
 * the portal's navigation, a visitor sends one through the public form after an empty send was refused beside the
 * field, and customer service types one in at the counter and sees where it went. axe finds nothing serious on
 * any of them; screenshots in target/screenshots/voice-*.png. Same context as {@code EveryPageBrowserIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class VoiceFormsBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    private WebDriverWait wait;

    VoiceFormsBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
    }

    @Test
    void aCardholderAndAVisitorSendTheirOpinionsAndCustomerServiceEntersOneAtTheCounterOnAPhone() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserCardholder hanako = BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        browser.get(url("/portal/usage"));
        browser.findElement(By.id("opinion")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opinion-form")));
        HeadlessChromium.screenshot(browser, "screenshots/voice-portal-opinion-phone.png");
        assertNoSeriousFindings("/portal/opinion");
        browser.findElement(By.id("text")).sendKeys("明細がアプリで見やすくなりました。ありがとうございます。");
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        HeadlessChromium.screenshot(browser, "screenshots/voice-portal-sent-phone.png");
        assertNoOverflow();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE customer_id = ? AND source = 'PORTAL'")
                .param(hanako.customerId()).query(Long.class).single()).isEqualTo(1);

        browser.manage().deleteAllCookies();
        browser.get(url("/opinion"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("opinion-form")));
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("text-error")));
        assertThat(browser.findElement(By.id("text")).getAttribute("aria-describedby")).contains("text-error");
        HeadlessChromium.screenshot(browser, "screenshots/voice-public-error-phone.png");
        assertNoSeriousFindings("/opinion");
        assertNoOverflow();
        browser.findElement(By.id("text")).sendKeys("駅前の店舗の営業時間を延ばしてほしいです。");
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        HeadlessChromium.screenshot(browser, "screenshots/voice-public-sent-phone.png");

        browser.manage().deleteAllCookies();
        BrowserStaff.signIn(browser, url(""), "support");
        browser.get(url("/voice/counter"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("counter-form")));
        new Select(browser.findElement(By.id("channel"))).selectByValue("STORE");
        browser.findElement(By.id("text")).sendKeys("年会費が高いと感じる。無料にする条件を教えてほしい。");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved-department")));
        assertThat(browser.findElement(By.id("saved-department")).getText()).isNotBlank();
        HeadlessChromium.screenshot(browser, "screenshots/voice-counter-saved-phone.png");
        assertNoSeriousFindings("/voice/counter");
        assertNoOverflow();
    }

    private void assertNoOverflow() {
        long overflow = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertThat(overflow).isLessThanOrEqualTo(0);
    }

    private void assertNoSeriousFindings(String page) throws Exception {
        if (Axe.installed()) {
            assertThat(Axe.seriousFindings(browser, page)).isEmpty();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
