package dev.anshin.voice.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.site.Axe;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly review in Chromium as the demo user {@code cx} sees it, at a phone's size (390 × 844) and a
 * desktop's (1280 × 900): the charts are drawn (an SVG bar per row, with the numbers as text), nothing is wider
 * than the window, and axe finds nothing serious. Screenshots go to {@code target/screenshots/voice-review-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/voice-review-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class MonthlyReviewBrowserIntegrationTest extends BrowserTestSupport {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    MonthlyReviewBrowserIntegrationTest() {
        super(PHONE.width, PHONE.height);
    }

    @Test
    void theReportFitsAPhoneAndADesktopWithReadableCharts() throws Exception {
        YearMonth month = YearMonth.of(2300 + (int) (Math.random() * 600), 2 + (int) (Math.random() * 10));
        String[][] voices = {
                {"COMPLAINT", "CALL_CENTER", "NEGATIVE", "FRAUD_PREVENTION", "FRAUD_SECURITY", "身に覚えのない請求が3件あります。カード番号 ****-****-****-1234 です。"},
                {"COMPLAINT", "WEB", "NEGATIVE", "FRAUD_PREVENTION", "FRAUD_SECURITY", "不正利用の連絡がメールで来たが本物か分からない"},
                {"INQUIRY", "APP", "NEUTRAL", "DIGITAL", "WEB_APP", "アプリのログイン方法を教えてください"},
                {"REQUEST", "APP", "NEUTRAL", "DIGITAL", "WEB_APP", "明細をPDFで出せるようにしてほしい"},
                {"PRAISE", "STORE", "POSITIVE", "STORES", "STORE_COUNTER", "店舗の○○様の対応がとても丁寧でした"},
                {"COMPLAINT", "CALL_CENTER", "NEGATIVE", "CONTACT_CENTER", "CALL_CENTER", "電話が30分つながらなかった"},
                {"REQUEST", "WEB", "NEUTRAL", "PRODUCTS", "FEES_INTEREST", "年会費を無料にしてほしい"}};
        for (int day = 1; day <= 20; day++) {
            String[] v = voices[day % voices.length];
            voice(day <= 6 ? month.minusMonths(1) : month, 1 + day % 27, v);
        }
        signIn();
        List<String> problems = new ArrayList<>();
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(url("/voice/reviews/" + month));
            WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
            WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-topic")));
            assertThat(chart.findElements(By.cssSelector("svg.bar"))).hasSize(Topic.values().length);
            WebElement bar = chart.findElement(By.cssSelector("tr[data-label=FRAUD_SECURITY] svg.bar"));
            assertThat(bar.getSize().getWidth()).as("a bar wide enough to read").isGreaterThan(80);
            String at = "review at " + size.width + ": ";
            long overflow = HeadlessChromium.overflow(browser);
            if (overflow > 0) {
                problems.add(at + overflow + " px wider than the window");
            }
            if (Axe.installed()) {
                problems.addAll(Axe.seriousFindings(browser, at));
            }
            HeadlessChromium.screenshot(browser, "screenshots/voice-review-" + size.width + ".png");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('chart-topic').scrollIntoView();");
            HeadlessChromium.screenshot(browser, "screenshots/voice-review-charts-" + size.width + ".png");
        }
        for (String path : List.of("/voice/reviews", "/voice/countermeasures/new?month=" + month
                + "&topic=FRAUD_SECURITY", "/voice/countermeasures")) {
            browser.get(url(path));
            HeadlessChromium.waitFor(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
            if (Axe.installed()) {
                problems.addAll(Axe.seriousFindings(browser, path + ": "));
            }
            long overflow = HeadlessChromium.overflow(browser);
            if (overflow > 0) {
                problems.add(path + ": " + overflow + " px wider than the window");
            }
            HeadlessChromium.screenshot(browser, "screenshots/voice-review" + path.replaceAll("[^a-z]+", "-") + ".png");
        }
        assertThat(problems).isEmpty();
    }

    private void voice(YearMonth month, int day, String[] v) {
        String id = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(month.atDay(day).atTime(11, 0).atZone(Display.ZONE).toInstant());
        jdbc.sql("INSERT INTO voice_items (id, source, submitted_by, voice_key, channel, received_at, recorded_at, "
                        + "customer_id, seal_key, original_text, redacted_text, kind, sentiment, department, "
                        + "model_version, corrected) VALUES (?, 'API', 'review-browser-test', ?, ?, ?, ?, NULL, ?, "
                        + "'sealed', ?, ?, ?, ?, 'test-model', FALSE)")
                .params(id, "k-" + id, v[1], at, at, "month:" + month, v[5], v[0], v[2], v[3]).update();
        jdbc.sql("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (?, ?, 0)").params(id, v[4])
                .update();
    }

    /**
     * Signs cx in from the review list (the sign-in returns there): cx lands on /voice otherwise, the dashboard
     * another branch builds.
     */
    private void signIn() {
        browser.get(url("/voice/reviews"));
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys("cx");
        browser.findElement(By.name("password")).sendKeys("browser-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        browser.get(url("/voice/reviews"));
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
