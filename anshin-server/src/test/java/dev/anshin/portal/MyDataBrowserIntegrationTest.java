package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.PersonalData;
import dev.anshin.site.PhoneLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * "My data" in Chromium on a phone (390 × 844): from the personal data settings the cardholder opens
 * everything held about them, sees each section counted, opens the later purchases of a long history
 * behind their summary, and finds the downloads; in Japanese, then English. Nothing wider than the
 * phone, nothing axe finds serious. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/my-data-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import({MovableClock.class, HeldForTests.class})
class MyDataBrowserIntegrationTest extends BrowserTestSupport {

    /** More than the first rows and one chunk: the page must show its first, then two summaries. */
    private static final int PURCHASES = 130;

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

    MyDataBrowserIntegrationTest() {
        super(390, 844);
    }

    @Test
    void aCardholderOnAPhoneReadsEverythingHeldSectionBySectionAndFindsTheDownloads() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserCardholder hanako = BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        List<HeldElsewhere.Disclosed> purchases = new ArrayList<>();
        Instant first = Instant.parse("2026-06-01T03:00:00Z");
        for (int i = 0; i < PURCHASES; i++) {
            purchases.add(HeldForTests.purchase("SHOP-" + i, 100 + i, first.plus(Duration.ofHours(i)).toString()));
        }
        HeldForTests.give(hanako.customerId(), purchases);

        browser.get(url("/portal/privacy"));
        HeadlessChromium.click(browser, "my-data");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "保有データの確認"));
        WebElement held = browser.findElement(By.id("held-" + HeldForTests.ENTRY));
        assertThat(held.findElement(By.tagName("h2")).getText()).contains(HeldForTests.LABEL_JA).contains("130件");
        assertThat(browser.findElement(By.id("values")).getText()).contains("山田 花子");
        assertThat(browser.findElement(By.id("disclosure-counts")).getText()).contains(HeldForTests.LABEL_JA);
        // The newest first, the oldest behind the last summary, everything on the page.
        List<WebElement> shown = held.findElements(By.cssSelector(":scope > ol > li"));
        assertThat(shown).hasSize(20);
        assertThat(shown.get(0).getText()).contains("SHOP-129");
        List<WebElement> more = held.findElements(By.cssSelector("details.disclosure-more"));
        assertThat(more).hasSize(2);
        WebElement last = more.get(1);
        assertThat(last.findElement(By.tagName("summary")).getText()).isEqualTo("121〜130件目を表示（全130件）");
        WebElement oldest = last.findElement(By.cssSelector("li:last-child"));
        assertThat(oldest.isDisplayed()).isFalse();
        HeadlessChromium.scrollTo(browser, "held-" + HeldForTests.ENTRY);
        last.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.visibilityOf(oldest));
        assertThat(oldest.getText()).contains("SHOP-0 100円");
        assertThat(browser.findElement(By.id("download-json")).getAttribute("href")).endsWith("/portal/my-data.json");
        assertThat(browser.findElement(By.id("download-csv")).getAttribute("href")).endsWith("/portal/my-data.csv");
        HeadlessChromium.screenshot(browser, "screenshots/portal-my-data-phone.png");
        assertThat(PhoneLayout.problems(browser, "/portal/my-data at 390×844")).isEmpty();

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your data"));
        assertThat(browser.findElement(By.cssSelector("#held-" + HeldForTests.ENTRY + " h2")).getText())
                .contains(HeldForTests.LABEL_EN).contains("130 items");
        HeadlessChromium.scrollTo(browser, "downloads");
        HeadlessChromium.screenshot(browser, "screenshots/portal-my-data-phone-en.png");
        assertThat(PhoneLayout.problems(browser, "/portal/my-data?lang=en at 390×844")).isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
