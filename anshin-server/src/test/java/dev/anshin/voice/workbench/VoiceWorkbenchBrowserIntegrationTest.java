package dev.anshin.voice.workbench;

import static dev.anshin.voice.workbench.VoiceRows.voice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.site.Axe;
import dev.anshin.site.Display;
import dev.anshin.voice.Channel;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer-experience staff's pages in Chromium at a phone's size (390 × 844) and a desktop's (1280 × 900): the
 * dashboard with an open surge alert on top and its four charts drawn (daily, then weekly), and an item corrected
 * through its form, which moves it to the new main topic's department. Nothing wider than the window, no error in the
 * browser's console, nothing serious to axe; screenshots in {@code target/screenshots/voice-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/voice-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class VoiceWorkbenchBrowserIntegrationTest extends BrowserTestSupport {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate template;

    @Autowired
    VoiceRoutes routes;

    @Autowired
    VoiceQueues queues;

    @Autowired
    VoiceAlerts alerts;

    private WebDriverWait wait;

    VoiceWorkbenchBrowserIntegrationTest() {
        super(DESKTOP.width, DESKTOP.height);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        if (!Axe.installed()) {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: npm ci in anshin-server/src/test/a11y");
        }
    }

    @Test
    void theDashboardDrawsItsChartsAndAnItemIsCorrectedAtBothSizes() throws Exception {
        String department = "VWB_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36)
                .toUpperCase().replaceAll("[^A-Z]", "X");
        routes.addDepartment("browser-test", department, "テスト部", "Test department", "127.0.0.1");
        VoiceRows rows = new VoiceRows(new JdbcTemplate(template.getDataSource()));
        List<VoiceRows.Voice> voices = new ArrayList<>();
        Instant now = Instant.now();
        Kind[] kinds = Kind.values();
        Topic[] topics = Topic.values();
        Channel[] channels = Channel.values();
        Sentiment[] sentiments = Sentiment.values();
        for (int d = 0; d < 60; d++) {
            for (int i = 0; i < 1 + (d * 7) % 4; i++) {
                int n = d * 3 + i;
                voices.add(new VoiceRows.Voice(channels[n % channels.length], now.minus(Duration.ofDays(d))
                        .minusSeconds(60L * i + 30), "お問い合わせの件、[電話番号]へお電話ください。", kinds[n % kinds.length],
                        List.of(topics[n % topics.length]), sentiments[(n / 2) % sentiments.length], department));
            }
        }
        String itemId = rows.write(List.of(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, now.minusSeconds(5),
                department))).get(0);
        rows.write(voices);
        // an open surge alert: a dozen fraud complaints on a day long past, none before
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 7000));
        Instant noon = day.atTime(12, 0).atZone(Display.ZONE).toInstant();
        List<VoiceRows.Voice> surge = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            surge.add(voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, noon.minus(Duration.ofMinutes(10L + i)), department));
        }
        rows.write(surge);
        assertThat(alerts.check(noon)).isNotEmpty();
        List<String> problems = new ArrayList<>();

        BrowserStaff.signIn(browser, url(""), "cx");
        browser.get(url("/voice"));
        assertThat(browser.findElements(By.cssSelector("#open-alerts li[data-alert]"))).isNotEmpty();
        look("/voice", "voice-dashboard", 4, problems);
        WebElement kind = browser.findElement(By.id("chart-kind"));
        assertThat(kind.getAttribute("role")).isEqualTo("img");
        assertThat(browser.findElement(By.id(kind.getAttribute("aria-describedby"))).getText()).contains("折れ線グラフ");
        assertThat(browser.findElement(By.id("voice-nav-model")).getAttribute("href")).endsWith("/voice/model");
        look("/voice?period=weekly", "voice-dashboard-weekly", 4, problems);
        look("/voice?lang=en", "voice-dashboard-en", 4, problems);
        browser.get(url("/voice?lang=ja"));

        look("/voice/queues/" + department, "voice-queue", 0, problems);
        browser.manage().window().setSize(PHONE);
        browser.get(url("/voice/items/" + itemId));
        new Select(browser.findElement(By.id("c-kind"))).selectByValue("COMPLAINT");
        new Select(browser.findElement(By.id("c-topic1"))).selectByValue("POINTS");
        new Select(browser.findElement(By.id("c-topic2"))).selectByValue("FRAUD_SECURITY");
        HeadlessChromium.click(browser, "save-correction");
        WebElement done = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(done.getText()).contains("キューへ移しました");
        assertThat(queues.item(itemId).orElseThrow().department()).isEqualTo(routes.departmentOf(Topic.POINTS));
        look("/voice/items/" + itemId + "?done=REROUTED", "voice-item", 0, problems);

        look("/voice/queues", "voice-queues", 0, problems);
        look("/voice/routes", "voice-routes", 0, problems);
        look("/voice/alerts", "voice-alerts", 0, problems);

        assertThat(problems).isEmpty();
    }

    /** The page at both sizes: its charts drawn, fitting, no console error, nothing serious to axe; screenshots. */
    private void look(String path, String name, int charts, List<String> problems) throws Exception {
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            if (charts > 0) {
                wait.until(ExpectedConditions.numberOfElementsToBe(
                        By.cssSelector(".release-chart-canvas[data-drawn=true]"), charts));
                for (WebElement chart : browser.findElements(By.cssSelector(".release-chart-canvas"))) {
                    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
                }
            }
            String at = name + " at " + size.width + ": ";
            long overflow = HeadlessChromium.overflow(browser);
            if (overflow > 0) {
                problems.add(at + overflow + " px wider than the window");
            }
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
                if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.add(at + "browser console: " + entry.getMessage());
                }
            }
            if (Axe.installed()) {
                problems.addAll(Axe.seriousFindings(browser, at));
            }
            if (charts > 0) {
                HeadlessChromium.scrollTo(browser, "chart-section-topic");
            }
            HeadlessChromium.screenshot(browser, "screenshots/" + name + "-" + size.width + ".png");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
