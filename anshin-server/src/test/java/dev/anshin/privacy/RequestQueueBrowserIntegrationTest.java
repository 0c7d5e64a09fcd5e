package dev.anshin.privacy;

import dev.anshin.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.access.Role;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The request queue in a real browser (headless Chromium, as ConsoleBrowserIntegrationTest): the
 * privacy officer signs in, opens the queue, sees an overdue request first and highlighted, then
 * English. Skipped, with a message, on a machine without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class RequestQueueBrowserIntegrationTest extends BrowserTestSupport {


    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    JdbcClient jdbc;

    RequestQueueBrowserIntegrationTest() {
        super(1400, 1000);
    }

    @Test
    void privacyOfficerSeesTheOverdueRequestFirstAndHighlighted() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor support = new Actor("browser-test-support", EnumSet.of(Role.CUSTOMER_SERVICE), "test");
        String customer = personalData.register(support, "B-" + tag,
                Map.of(PersonalField.NAME_KANJI, "画面確認" + tag, PersonalField.EMAIL, "b." + tag + "@example.jp"))
                .customerId();
        Actor portal = Actor.cardholder(customer, "portal");
        DataSubjectRequest overdue = requests.submit(portal, customer, RequestKind.DELETION, RequestDetails.none(),
                ConsentChannel.PORTAL, "browser-" + tag);
        // Taken in long ago: earlier than anything else in this database, and past its deadline. One left
        // open by an interrupted earlier run would come first: close those.
        Instant past = Instant.parse("2020-01-06T01:00:00Z");
        Actor officer = new Actor("browser-test-privacy", EnumSet.of(Role.PRIVACY_OFFICER), "test");
        jdbc.sql("SELECT id FROM data_subject_requests WHERE received_at <= ? AND status IN ('RECEIVED', 'IN_PROGRESS')")
                .param(Timestamp.from(past)).query(String.class).list()
                .forEach(left -> requests.reject(officer, left, RejectionReason.WITHDRAWN_BY_PERSON));
        jdbc.sql("UPDATE data_subject_requests SET received_at = ?, deadline = ? WHERE id = ?")
                .params(Timestamp.from(past), Timestamp.from(past.plus(Duration.ofDays(14))), overdue.id()).update();

        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, "http://localhost:" + port, "privacy");
        // A privacy officer starts on the request queue.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "本人からの請求"));
        assertThat(browser.getCurrentUrl()).endsWith("/privacy/requests");
        WebElement first = browser.findElement(By.cssSelector("#requests tbody tr"));
        assertThat(first.getAttribute("data-request")).isEqualTo(overdue.id());
        assertThat(first.getAttribute("class")).contains("overdue");
        assertThat(first.getText()).contains("期限超過").contains("消去").contains("2020-01-20");
        assertThat(first.findElement(By.tagName("td")).getCssValue("background-color"))
                .isEqualTo("rgba(253, 232, 232, 1)");
        assertThat(browser.findElement(By.id("overdue-count")).getText()).contains("期限を過ぎた");
        assertThat(browser.getPageSource()).doesNotContain("画面確認" + tag);

        File screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "request-queue.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.get("http://localhost:" + port + "/privacy/requests?lang=en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Requests from the people"));
        assertThat(browser.findElement(By.cssSelector("#requests tbody tr")).getText()).contains("overdue")
                .contains("Deletion");
        requests.reject(officer, overdue.id(), RejectionReason.WITHDRAWN_BY_PERSON);
    }
}
