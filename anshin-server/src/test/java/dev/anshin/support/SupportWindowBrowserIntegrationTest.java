package dev.anshin.support;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The support window in Chromium: a cardholder on a phone-size window books a video consultation
 * (kind and day, then a free time, a topic and a note), sees it with its link; customer service, on a
 * desktop, opens it from the support window page and records it served. Same context as {@code
 * EveryPageBrowserIntegrationTest}. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class SupportWindowBrowserIntegrationTest extends BrowserTestSupport {

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
    SupportBookings bookings;

    private WebDriverWait wait;

    SupportWindowBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
    }

    @Test
    void aCardholderBooksAVideoConsultationOnAPhoneAndCustomerServiceRecordsItServed() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserCardholder hanako = BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        browser.get(url("/portal/support"));
        browser.findElement(By.cssSelector("input[name=kind][value=VIDEO]")).click();
        new Select(browser.findElement(By.id("day"))).selectByIndex(0);
        browser.findElement(By.id("show-slots")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("book")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('book').scrollIntoView();");
        HeadlessChromium.screenshot(browser, "screenshots/support-book-phone.png");
        assertNoSeriousFindings("/portal/support?kind=VIDEO");
        WebElement slot = browser.findElements(By.cssSelector("#book input[name=start]")).stream()
                .filter(WebElement::isEnabled).findFirst().orElseThrow();
        String start = slot.getAttribute("value");
        slot.click();
        new Select(browser.findElement(By.id("topic"))).selectByValue("UNRECOGNIZED_CHARGE");
        browser.findElement(By.id("note")).sendKeys("筆談でお願いします。");
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        HeadlessChromium.screenshot(browser, "screenshots/support-booked-phone.png");
        long overflow = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertThat(overflow).isLessThanOrEqualTo(0);
        Booking booking = bookings.of(hanako.customerId()).get(0);
        assertThat(booking.startsAt().toString()).isEqualTo(start);
        WebElement row = browser.findElement(By.cssSelector("#bookings tr[data-booking='" + booking.id() + "']"));
        assertThat(row.findElement(By.cssSelector("a.video-link")).getAttribute("href"))
                .endsWith("/anshin-support/" + booking.id());

        // Served is recorded once the slot has begun: the clock moves to a minute after its start.
        clock.advance(java.time.Duration.between(clock.instant(), booking.startsAt().plusSeconds(60)));
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1280, 900));
        BrowserStaff.signIn(browser, url(""), "support");
        browser.findElement(By.id("nav-support-window")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("support-bookings")));
        browser.findElement(By.cssSelector("#support-bookings tr[data-booking='" + booking.id() + "'] a.open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome-form")));
        assertThat(browser.findElement(By.id("customer-note")).getText()).isEqualTo("筆談でお願いします。");
        assertThat(browser.findElement(By.id("video-link")).getText()).endsWith(booking.id());
        browser.findElement(By.cssSelector("input[name=outcome][value=SERVED]")).click();
        browser.findElement(By.id("staff-note-input")).sendKeys("筆談でご案内しました");
        browser.findElement(By.id("record-outcome")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("closed")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status")).isEqualTo("SERVED");
        HeadlessChromium.screenshot(browser, "screenshots/support-served-desktop.png");
        assertNoSeriousFindings("/support-window/bookings/" + booking.id());
        assertThat(bookings.find(booking.id()).orElseThrow().status()).isEqualTo(BookingStatus.SERVED);
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
