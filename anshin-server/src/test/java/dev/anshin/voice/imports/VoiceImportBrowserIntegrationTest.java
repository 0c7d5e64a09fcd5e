package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.site.Axe;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Customer service imports a Shift_JIS call-center export on a phone-size window (390 × 844): the upload page, the
 * import's page refreshing itself until done, and its error report; axe finds nothing serious on either page,
 * nothing is wider than the window. Screenshots go to {@code target/screenshots/voice-import-*}. Same context as
 * {@code EveryPageBrowserIntegrationTest}. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class VoiceImportBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    VoiceImportBrowserIntegrationTest() {
        super(390, 844);
    }

    @Test
    void customerServiceUploadsAnExportOnAPhoneAndSeesItsProgressAndItsErrorReport() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(60));
        String p = "W" + UUID.randomUUID().toString().substring(0, 8);
        Path file = browserHome.resolve(p + ".csv");
        Files.write(file, ("受付番号,受付日時,チャネル,お客様番号,内容\r\n"
                + p + "-1,2026/04/05 10:00,電話,,カードの再発行に時間がかかりすぎです\r\n"
                + p + "-2,2026/04/05 10:01,電話,,\"ポイントの交換先を\r\n増やしてほしい\"\r\n"
                + p + "-3,2026/04/31 10:02,電話,,日付の誤り\r\n"
                + p + "-4,2026/04/05 10:03,FAX,,チャネルの誤り\r\n").getBytes(Charset.forName("windows-31j")));

        BrowserStaff.signIn(browser, url(""), "support");
        browser.get(url("/voice/imports"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("コールセンターの記録の取り込み");
        assertThat(browser.findElement(By.id("file-hint")).getText()).contains("50 MB");
        check("voice-import-upload");

        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.id("encoding-AUTO")).click();
        browser.findElement(By.id("import-button")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("progress-live")));
        assertThat(browser.findElement(By.id("progress-live")).getAttribute("aria-live")).isEqualTo("polite");
        wait.until(b -> "DONE".equals(b.findElement(By.id("status")).getAttribute("data-status")));
        assertThat(browser.findElement(By.id("rows-read")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.id("accepted")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("refused")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("encoding")).getText()).contains("Shift_JIS");
        assertThat(browser.findElements(By.cssSelector("#errors tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#errors tr[data-row='3']")).getText())
                .contains("受付日時").contains("日時として読めません");
        assertThat(browser.findElement(By.id("errors-csv")).getAttribute("href")).endsWith("/errors.csv");
        check("voice-import-done");
        HeadlessChromium.scrollTo(browser, "report");
        HeadlessChromium.screenshot(browser, "screenshots/voice-import-report-390.png");
    }

    private void check(String name) throws Exception {
        assertThat(HeadlessChromium.overflow(browser)).as(name + " wider than the window").isLessThanOrEqualTo(0);
        if (Axe.installed()) {
            Axe.assertNoSeriousFindings(browser, name);
        } else {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: npm ci in anshin-server/src/test/a11y");
        }
        HeadlessChromium.screenshot(browser, "screenshots/" + name + "-390.png");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
