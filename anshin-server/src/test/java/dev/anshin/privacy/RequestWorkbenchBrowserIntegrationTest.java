package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.access.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The privacy officer's journey in Chromium: the demo's privacy user signs in, opens a disclosure
 * request from the queue, starts it, completes it, and reads the disclosure it produced. Skipped, with
 * a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class RequestWorkbenchBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    DataSubjectRequests requests;

    RequestWorkbenchBrowserIntegrationTest() {
        super(1280, 900);
    }

    @Test
    void theOfficerStartsCompletesAndReadsADisclosureRequest() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor support = new Actor("browser-test-support", EnumSet.of(Role.CUSTOMER_SERVICE), "test");
        String customer = personalData.register(support, "DM-W" + tag,
                Map.of(PersonalField.NAME_KANJI, "高橋　結菜" + tag, PersonalField.EMAIL, "yuina." + tag + "@example.jp"))
                .customerId();
        DataSubjectRequest request = requests.submit(Actor.cardholder(customer, "portal"), customer,
                RequestKind.DISCLOSURE, RequestDetails.none(), ConsentChannel.PORTAL, "browser-wb-" + tag);

        String base = "http://localhost:" + port;
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, base, "privacy");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "本人からの請求"));
        browser.findElement(By.cssSelector("#requests tr[data-request='" + request.id() + "'] a.open")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "請求の対応"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("受付済み");
        assertThat(browser.getPageSource()).doesNotContain("高橋　結菜" + tag);

        browser.findElement(By.cssSelector("#start button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "対応を始めました"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("対応中");
        browser.findElement(By.cssSelector("#complete input[name=confirmed]")).click();
        browser.findElement(By.cssSelector("#complete button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "完了しました"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("完了");
        HeadlessChromium.screenshot(browser, "screenshots/journey-request-completed.png");

        browser.findElement(By.id("open-disclosure")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("disclosure-sections")));
        assertThat(browser.findElement(By.id("values")).getText()).contains("ご登録の情報").contains("高橋　結菜" + tag);
        assertThat(browser.findElement(By.id("download-csv")).getAttribute("href"))
                .endsWith("/privacy/requests/" + request.id() + "/disclosure.csv?textLang=ja");
        assertThat(browser.findElement(By.id("download-disclosure")).getAttribute("href"))
                .endsWith("/privacy/requests/" + request.id() + "/disclosure.txt?textLang=ja");
        HeadlessChromium.screenshot(browser, "screenshots/journey-request-disclosure.png");
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    }
}
