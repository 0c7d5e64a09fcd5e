package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.site.Axe;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statistics pages' charts in Chromium, at a phone's size (390 × 844) and a desktop's (1280 × 900):
 * an analyst previews reports through the page (a line over months with a suppressed month, horizontal
 * bars by category with suppressed categories, lines of two dimensions, stacked bars of two, and bars
 * of 48 prefectures), and a privacy officer publishes one. Each chart is drawn (a canvas in a named
 * role="img" container) with no error in the browser's console, suppressed cells say so in the chart
 * and in the table, nothing is wider than the phone, and axe finds nothing serious. Screenshots go to
 * {@code target/screenshots/statistics-*} for a person to look at.
 *
 * <p>The purchases are written as the scoring path writes them, in four fresh months long past, with
 * 40 to 110 cardholders in each released cell, so each clears k plus the noise margin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/statistics-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password",
        "anshin.statistics.budget-per-period=10"})
class StatisticsChartsBrowserIntegrationTest extends BrowserTestSupport {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Actor ANALYST = new Actor("analyst", Set.of(Role.ANALYST), "test");

    /** Category (MCC) → cardholders buying there, and their merchant's prefecture. */
    private static final Map<String, Integer> CARDHOLDERS = new LinkedHashMap<>();
    private static final Map<String, String> PREFECTURE = Map.of("5411", "13", "5812", "27", "5732", "13",
            "5912", "01", "4111", "40");

    static {
        CARDHOLDERS.put("5411", 110); // grocery, Tokyo
        CARDHOLDERS.put("5812", 55);  // restaurants, Osaka
        CARDHOLDERS.put("5732", 40);  // electronics, Tokyo
        CARDHOLDERS.put("5912", 45);  // health, Hokkaido
        CARDHOLDERS.put("4111", 60);  // transport, Fukuoka
    }

    @LocalServerPort
    int port;

    @Autowired
    StatisticsReports reports;

    @Autowired
    ReferenceData reference;

    @Autowired
    PersonalData personalData;

    @Autowired
    Cards cards;

    @Autowired
    JdbcClient jdbc;

    private WebDriverWait wait;

    StatisticsChartsBrowserIntegrationTest() {
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
    void previewedAndPublishedReleasesAreDrawnAsChartsThatFitAPhoneAndSaySuppressed() throws Exception {
        YearMonth from = freshMonths();
        YearMonth to = from.plusMonths(3);
        purchases(from, to);
        List<String> problems = new ArrayList<>();

        BrowserStaff.signIn(browser, url(""), "analyst");
        String byMonth = define("SPEND", List.of("MONTH"), from, to, 4, 5_000L);
        String byCategory = define("TRANSACTIONS", List.of("MERCHANT_CATEGORY"), from, to, 1, 3L);
        String monthByCategory = define("TRANSACTIONS", List.of("MONTH", "MERCHANT_CATEGORY"), from, to, 3, 1L);
        String regionByCategory = define("SPEND", List.of("MERCHANT_REGION", "MERCHANT_CATEGORY"), from, to, 1, 5_000L);
        String byPrefecture = define("CARDHOLDERS", List.of("MERCHANT_PREFECTURE"), from, to, 1, null);

        preview(byMonth);
        WebElement line = drawnChart();
        assertThat(line.getAttribute("role")).isEqualTo("img");
        assertThat(browser.findElement(By.id(line.getAttribute("aria-labelledby"))).getText()).contains("利用金額");
        assertThat(browser.findElement(By.id(line.getAttribute("aria-describedby"))).getText())
                .contains("折れ線グラフ").contains("4区分のうち1区分は秘匿");
        assertThat(line.getAttribute("data-chart")).contains("\"states\":[\"RELEASED\",\"RELEASED\",\"SUPPRESSED\",")
                .contains(",null,");
        assertThat(browser.findElements(By.cssSelector("tr.suppressed-cell"))).hasSize(1);
        look("statistics-line", problems);

        preview(byCategory);
        WebElement bars = drawnChart();
        assertThat(bars.getAttribute("data-chart")).contains("\"BARS\"").contains("\"SUPPRESSED\"");
        assertThat(browser.findElements(By.cssSelector("tr.suppressed-cell")))
                .hasSize(MerchantCategories.GROUPS.size() - CARDHOLDERS.size());
        look("statistics-bars", problems);

        preview(monthByCategory);
        assertThat(drawnChart().getAttribute("data-chart")).contains("\"LINE\"");
        look("statistics-lines", problems);

        preview(regionByCategory);
        assertThat(drawnChart().getAttribute("data-chart")).contains("\"stacked\":true");
        look("statistics-stacked", problems);

        preview(byPrefecture);
        drawnChart();
        look("statistics-prefectures", problems);
        browser.get(url("/console/statistics/reports/" + byPrefecture + "?lang=en"));
        assertThat(drawnChart().getAttribute("data-chart")).contains("Tokyo").contains("\"suppressed\":\"Suppressed\"");
        look("statistics-prefectures-en", problems);

        check("/console/statistics", "statistics-reports", problems);

        browser.manage().deleteAllCookies();
        BrowserStaff.signIn(browser, url(""), "privacy");
        browser.get(url("/console/statistics/reports/" + byCategory));
        HeadlessChromium.click(browser, "publish-0");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.release[data-status=PUBLISHED]")));
        drawnChart();
        look("statistics-published", problems);

        assertThat(problems).isEmpty();
    }

    /**
     * An analyst's report with k 5, ε 1 (2 for m above 2, to keep the noise margin small) + 0.5, δ 0.001 (the
     * largest allowed: the smallest margin τ − k over the exact-count gate), and m cells
     * per cardholder (the page's form offers the defaults only); the five together spend 8 of each month's 10.
     */
    private String define(String measure, List<String> dimensions, YearMonth from, YearMonth to, int m, Long cap) {
        var protection = new ReportDefinition.ProtectionBody(5, m > 2 ? "2" : "1",
                measure.equals("CARDHOLDERS") ? null : "0.5", cap, m, "0.001");
        var body = new ReportDefinition.Body("charts-" + UUID.randomUUID(), "グラフ " + String.join("×", dimensions)
                + " " + from, measure, dimensions, from.toString(), to.toString(), Map.of(), protection);
        return reports.define(ANALYST, body).report().id();
    }

    /** Opens the report's page and presses "preview" there, as an analyst does. */
    private void preview(String report) {
        browser.manage().window().setSize(DESKTOP);
        browser.get(url("/console/statistics/reports/" + report));
        HeadlessChromium.click(browser, "preview-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.release[data-status=PREVIEW]")));
    }

    /** Waits for the page's first chart to be drawn, and answers its container. */
    private WebElement drawnChart() {
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".release-chart-canvas[data-drawn=true]")));
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(chart.getSize().getHeight()).isGreaterThan(100);
        return chart;
    }

    /** The page now shown, at both sizes: drawn, fitting, no console error, nothing serious to axe; screenshots. */
    private void look(String name, List<String> problems) throws Exception {
        String path = browser.getCurrentUrl();
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(path);
            drawnChart();
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
            ((JavascriptExecutor) browser).executeScript("document.querySelector('.release-chart').scrollIntoView();");
            HeadlessChromium.screenshot(browser, "screenshots/" + name + "-" + size.width + ".png");
        }
    }

    /** A page without a chart, at both sizes: fitting, nothing serious to axe; screenshots. */
    private void check(String path, String name, List<String> problems) throws Exception {
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            String at = name + " at " + size.width + ": ";
            long overflow = HeadlessChromium.overflow(browser);
            if (overflow > 0) {
                problems.add(at + overflow + " px wider than the window");
            }
            if (Axe.installed()) {
                problems.addAll(Axe.seriousFindings(browser, at));
            }
            HeadlessChromium.screenshot(browser, "screenshots/" + name + "-" + size.width + ".png");
        }
    }

    /**
     * Cardholders in five categories, each with one purchase in the first, second and fourth month (none in
     * the third, whose cells are then suppressed), at merchants whose prefectures the directory knows.
     */
    private void purchases(YearMonth from, YearMonth to) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<ReferenceData.MerchantLocation> merchants = new ArrayList<>();
        PREFECTURE.forEach((mcc, prefecture) -> merchants.add(
                new ReferenceData.MerchantLocation("M-CHART-" + tag + "-" + mcc, prefecture)));
        reference.putMerchants(merchants, "statistics-charts-test");
        Actor support = new Actor("statistics-charts-test", Set.of(Role.CUSTOMER_SERVICE), "test");
        int n = 0;
        for (var category : CARDHOLDERS.entrySet()) {
            for (int i = 0; i < category.getValue(); i++) {
                Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
                values.put(PersonalField.NAME_KANJI, "統計 花子");
                values.put(PersonalField.DATE_OF_BIRTH, LocalDate.of(1950 + (n % 50), 4, 1).toString());
                String customer = personalData.register(support, "G-" + tag + "-" + n, values).customerId();
                String token = cards.register(IntegrationTestSupport.newPan(), customer).token();
                for (YearMonth month : List.of(from, from.plusMonths(1), to)) {
                    spend(token, month, category.getKey(), "M-CHART-" + tag + "-" + category.getKey(), 1000 + (n % 40) * 50);
                }
                n++;
            }
        }
    }

    /** An approved purchase in yen, written as the scoring path stores it. */
    private void spend(String token, YearMonth month, String mcc, String merchant, long yen) {
        Timestamp at = Timestamp.from(LocalDate.of(month.getYear(), month.getMonth(), 12)
                .atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
        String id = "chart-" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO authorizations (authorization_id, request_fingerprint, card_token, amount_minor, currency,
                  merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present, occurred_at,
                  decision, score, reasons, model_version, rule_set_version, shadow_scores, latency_micros,
                  processing_micros, decided_at)
                VALUES (?, ?, ?, ?, 'JPY', ?, ?, 'T-CHART', 'JP', 'CHIP', TRUE, ?, 'APPROVE', 0.01, '[]', 'test',
                  1, '{}', 0, 0, ?)""")
                .params(id, id, token, yen, merchant, mcc, at, at).update();
    }

    /**
     * Four months in a row, long past (2002–2019, so lists of decisions newest first never show these
     * purchases on top), with no purchase and no budget yet: a database kept from earlier runs is fine.
     */
    private YearMonth freshMonths() {
        while (true) {
            YearMonth from = YearMonth.of(ThreadLocalRandom.current().nextInt(2002, 2019),
                    ThreadLocalRandom.current().nextInt(1, 13));
            Timestamp start = Timestamp.from(from.atDay(1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
            Timestamp end = Timestamp.from(from.plusMonths(4).atDay(1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
            List<String> months = List.of(from.toString(), from.plusMonths(1).toString(), from.plusMonths(2).toString(),
                    from.plusMonths(3).toString());
            boolean used = jdbc.sql("SELECT COUNT(*) FROM statistics_budgets WHERE period IN (:months)")
                    .param("months", months).query(Long.class).single() > 0
                    || jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE occurred_at >= ? AND occurred_at < ?")
                    .params(start, end).query(Long.class).single() > 0;
            if (!used) {
                return from;
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
