package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.BrowserStaff;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.fraud.StoredDecisionFixtures;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import dev.anshin.support.SupportBookings;
import dev.anshin.support.SupportKind;
import dev.anshin.support.SupportTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The staff's tables as a staff member reads them, in Chromium: at a desktop's 1280 × 900 every column
 * of the decisions list, the dispute queue and the support window is on the screen (the table does not
 * scroll sideways in its box) and no short header breaks inside a word (スコ/ア); at a phone's 390 × 844
 * each row is a card of labelled lines that fits the screen, and the staff menu is one row, not three lines. Screenshots go
 * to {@code target/screenshots/staffux-*} for a person to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/staff-tables-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class StaffTablesBrowserIntegrationTest {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @Autowired
    Decisions decisions;

    @Autowired
    PersonalData personalData;

    @Autowired
    SupportBookings supportBookings;

    @Autowired
    MovableClock clock;

    @TempDir
    Path browserHome;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.installed(),
                "Chromium not installed (apt-get install chromium chromium-driver); .ci/run installs it");
        browser = HeadlessChromium.start(browserHome, DESKTOP.width, DESKTOP.height);
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        Files.createDirectories(Path.of("target", "screenshots"));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            HeadlessChromium.stop(browser);
        }
    }

    @Test
    void theAnalystsTablesFitADesktopAndBecomeCardsOnAPhone() throws Exception {
        longDecisions();
        BrowserDecisions.caseForAnAnalyst(url(""), clients, cards);
        BrowserStaff.signIn(browser, url(""), "analyst");
        List<String> problems = new ArrayList<>();
        check("/console", "#decisions", "staffux-decisions", problems);
        check("/console/disputes", "#cases", "staffux-disputes", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSupportWindowsTableFitsADesktopAndBecomesCardsOnAPhone() throws Exception {
        booking();
        BrowserStaff.signIn(browser, url(""), "support");
        List<String> problems = new ArrayList<>();
        check("/support-window", "#support-bookings", "staffux-support-window", problems);
        assertThat(browser.findElement(By.cssSelector("#support-bookings a.customer")).getText()).isEqualTo("佐藤 健太");
        assertThat(problems).isEmpty();
    }

    /** Decisions as long as the demo's: long ids, merchants' names and reasons. */
    private void longDecisions() {
        Card card = cards.register(dev.anshin.IntegrationTestSupport.newPan());
        Instant now = clock.instant();
        List<StoredDecision> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "demo-" + UUID.randomUUID().toString().substring(0, 8) + "-0-1369" + i;
            batch.add(StoredDecisionFixtures.decision(id, card.token(), "M-" + i, "MIRAI DEPT STORE #752 TOKYO JP",
                    now.minusSeconds(i), Decision.REVIEW, 0.612, "model-7",
                    List.of(new Reason(Reason.Kind.FEATURE, "terminal_days_since_last_tx_before_earliest_fraud",
                                    "terminal_days_since_last_tx_before_earliest_fraud=12.5", 0.9),
                            new Reason(Reason.Kind.FEATURE, "card_tx_count_30d", "card_tx_count_30d=75", 0.4),
                            new Reason(Reason.Kind.FEATURE, "amount", "amount=98000", 0.3))));
        }
        StoredDecisionFixtures.insert(decisions, batch);
    }

    private void booking() {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "佐藤 健太");
        values.put(PersonalField.PHONE, "090-0000-1234");
        String customer = personalData.register(new Actor("staff-tables", Set.of(Role.CUSTOMER_SERVICE), "test"),
                "T-" + UUID.randomUUID().toString().substring(0, 8), values).customerId();
        Instant start = supportBookings.slots(SupportKind.CALL_BACK, supportBookings.days().get(0)).stream()
                .filter(s -> !s.full()).findFirst().orElseThrow().start();
        supportBookings.book(customer, SupportKind.CALL_BACK, start, SupportTopic.PAYMENT, "午後にお願いします",
                UUID.randomUUID().toString(), "test");
    }

    private void check(String path, String table, String name, List<String> problems) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(table + " tbody tr")));
            String at = path + " at " + size.width + ": ";
            // nothing of the table off-screen in its box, at either size (a phone's card included)
            long hidden = ((Number) js.executeScript("const box = document.querySelector(arguments[0]).closest('.table-scroll');"
                    + "return box.scrollWidth - box.clientWidth;", table)).longValue();
            if (hidden > 0) {
                problems.add(at + hidden + " px of the table are off-screen");
            }
            if (size == DESKTOP) {
                @SuppressWarnings("unchecked")
                List<String> broken = (List<String>) js.executeScript("return [...document.querySelectorAll(arguments[0] + ' thead th')]"
                        + ".filter(th => { const r = document.createRange(); r.selectNodeContents(th);"
                        + "  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1"
                        + "    && th.textContent.trim().length <= 6; }).map(th => th.textContent.trim());", table);
                if (!broken.isEmpty()) {
                    problems.add(at + "short headers broken over lines: " + broken);
                }
            } else {
                String display = (String) js.executeScript(
                        "return getComputedStyle(document.querySelector(arguments[0] + ' tbody td')).display;", table);
                if (!"flex".equals(display)) {
                    problems.add(at + "a row is not a card of labelled lines (td is " + display + ")");
                }
                long header = ((Number) js.executeScript(
                        "return document.querySelector('.site-header').getBoundingClientRect().height;")).longValue();
                if (header > 110) {
                    problems.add(at + "the staff menu takes " + header + " px");
                }
            }
            long overflow = ((Number) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
            if (overflow > 0) {
                problems.add(at + "the page is " + overflow + " px wider than the screen");
            }
            js.executeScript("document.querySelector(arguments[0]).scrollIntoView();", table);
            HeadlessChromium.screenshot(browser, "screenshots/" + name + "-" + (size == PHONE ? "phone" : "desktop") + ".png");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
