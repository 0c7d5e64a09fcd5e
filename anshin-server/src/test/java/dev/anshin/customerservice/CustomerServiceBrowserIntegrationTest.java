package dev.anshin.customerservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.access.ApiClients;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Channel;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.Disputes;
import dev.anshin.privacy.PersonalData;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Customer service's journey in Chromium: the demo's support user signs in and lands on the screen,
 * finds a demo-like caller by the last four digits of their card and their date of birth, and files a
 * report of a charge the caller does not recognize; the case appears on the caller's page. Skipped,
 * with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class CustomerServiceBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    Cards cards;

    @Autowired
    ApiClients clients;

    @Autowired
    Disputes disputes;

    CustomerServiceBrowserIntegrationTest() {
        super(1280, 900);
    }

    @Test
    void supportFindsTheCallerByCardAndBirthDateAndReportsAChargeForThem() throws Exception {
        String base = "http://localhost:" + port;
        BrowserCaller caller = BrowserCaller.create(base, personalData, cards, clients);
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, base, "support");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "お客さま対応"));
        assertThat(browser.getCurrentUrl()).endsWith("/service");
        assertThat(browser.findElement(By.id("nav-service")).getAttribute("aria-current")).isEqualTo("page");

        browser.findElement(By.id("last4")).sendKeys(caller.last4());
        // A date input is typed in the browser's own order of day, month and year: set its value instead.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("dateOfBirth")), caller.dateOfBirth());
        browser.findElement(By.cssSelector("#find-by-card button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caller-name"), caller.name()));
        assertThat(browser.getCurrentUrl()).endsWith("/service/customers/" + caller.customerId());
        HeadlessChromium.screenshot(browser, "screenshots/journey-service-customer.png");

        browser.findElement(By.cssSelector("#charges tr[data-authorization='" + caller.authorizationId()
                + "'] input[type=radio]")).click();
        new Select(browser.findElement(By.id("cardInHand"))).selectByValue("YES");
        new Select(browser.findElement(By.id("familyCouldExplain"))).selectByValue("NO");
        new Select(browser.findElement(By.id("subscriptionCouldExplain"))).selectByValue("NO");
        new Select(browser.findElement(By.id("recognizesMerchant"))).selectByValue("NO");
        browser.findElement(By.id("certified")).click();
        browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        Dispute opened = disputes.ofAuthorization(caller.authorizationId()).orElseThrow();
        assertThat(disputes.report(opened.reportId()).orElseThrow().channel()).isEqualTo(Channel.STAFF);
        assertThat(browser.findElement(By.id("done")).getText()).contains("お申し出を受け付けました")
                .contains(opened.reference());
        assertThat(browser.findElements(By.cssSelector("#cases tr[data-case='" + opened.id() + "']"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#charges tr[data-authorization='" + caller.authorizationId()
                + "'] input[type=radio]")).isEnabled()).as("a reported charge is not offered again").isFalse();
        HeadlessChromium.screenshot(browser, "screenshots/journey-service-reported.png");
    }
}
