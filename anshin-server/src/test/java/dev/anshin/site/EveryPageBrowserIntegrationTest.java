package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.support.SupportBookings;
import dev.anshin.support.SupportKind;
import dev.anshin.support.SupportTopic;
import dev.anshin.cards.Cards;
import dev.anshin.customerservice.BrowserCaller;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page, as each kind of person reaches it, in Chromium at a phone's size (390 × 844) and a
 * desktop's (1280 × 900): the one layout (viewport, one main, one h1, the language, the stylesheet),
 * nothing wider than the screen, the staff navigation showing only what the role may open, and the
 * friendly error pages, and no serious or critical accessibility finding from axe-core (WCAG 2.2 AA;
 * skipped with a notice when the npm project is not installed). Screenshots of each page at both sizes go to {@code target/screenshots} for a
 * person to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class EveryPageBrowserIntegrationTest extends BrowserTestSupport {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    JsonMapper json;

    @Autowired
    MovableClock clock;

    @Autowired
    SupportBookings supportBookings;

    @Autowired
    EkycVerifications ekyc;

    private WebDriverWait wait;

    EveryPageBrowserIntegrationTest() {
        super(DESKTOP.width, DESKTOP.height);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        if (!Axe.installed()) {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: " + Axe.NOT_INSTALLED);
        }
    }

    @Test
    void pagesOpenToEveryoneFitAPhoneAndADesktop() throws Exception {
        List<String> problems = new ArrayList<>();
        check("/portal/login", "portal-login", problems);
        check("/portal/activate", "portal-activate", problems);
        check("/portal/help", "portal-help", problems);
        check("/login", "staff-login", problems);
        check("/portal/login?lang=en", "portal-login-en", problems);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cardholder sign-in");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(problems).isEmpty();
    }

    @Test
    void theSandboxEkycVendorsPagesFitAPhoneAndADesktop() throws Exception {
        String id = ekyc.start("every-page-" + UUID.randomUUID(), java.net.URI.create("/portal/help"),
                java.util.Locale.JAPANESE).verificationId();
        List<String> problems = new ArrayList<>();
        check("/sandbox/ekyc/" + id + "?lang=ja", "ekyc-sandbox-method", problems);
        assertThat(browser.findElement(By.id("sandbox-label")).isDisplayed()).isTrue();
        check("/sandbox/ekyc/" + id + "/capture?method=IC_CHIP_AND_FACE", "ekyc-sandbox-capture", problems);
        check("/sandbox/ekyc/" + id + "/capture?method=JPKI&lang=en", "ekyc-sandbox-capture-en", problems);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(problems).isEmpty();
    }

    @Test
    void cardholdersPagesFitAPhoneAndADesktop() throws Exception {
        BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        List<String> problems = new ArrayList<>();
        check("/portal/usage", "portal-usage", problems);
        check("/portal/disputes", "portal-disputes", problems);
        check("/portal/disputes/new", "portal-dispute-new", problems);
        check("/portal/requests", "portal-requests", problems);
        check("/portal/privacy", "portal-privacy", problems);
        check("/portal/my-data", "portal-my-data", problems);
        check("/portal/support", "portal-support", problems);
        check("/portal/support?kind=VIDEO&day=" + supportBookings.days().get(0), "portal-support-book", problems);
        check("/portal/help", "portal-help-signed-in", problems);
        assertThat(browser.findElements(By.cssSelector(".site-nav a#card-usage"))).hasSize(1);
        check("/portal/no-such-page", "portal-not-found", problems);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ページが見つかりません");
        assertThat(browser.findElement(By.id("home")).getAttribute("href")).endsWith("/portal");
        assertThat(problems).isEmpty();
    }

    @Test
    void analystsPagesFitAPhoneAndADesktopAndTheNavigationShowsThem() throws Exception {
        String decision = BrowserDecisions.scoreOne(url(""), clients, cards);
        String dispute = BrowserDecisions.caseForAnAnalyst(url(""), clients, cards);
        signInAsStaff("analyst");
        List<String> problems = new ArrayList<>();
        check("/console", "staff-decisions", problems);
        check("/console?minScore=2&card=12a4&decision=REVIEW", "staff-decisions-bad-filter", problems);
        // the details are read from the database, which the decision log's indexer fills within moments
        for (int tries = 0; tries < 100 && !browserFinds("/console/decisions/" + decision, "fact-decision"); tries++) {
            Thread.sleep(100);
        }
        check("/console/decisions/" + decision, "staff-decision", problems);
        check("/console/decisions/no-such-decision", "staff-decision-not-found", problems);
        check("/console/disputes", "staff-disputes", problems);
        check("/console/disputes/" + dispute, "staff-dispute-case", problems);
        check("/console/disputes?view=card&status=ALL", "staff-disputes-by-card", problems);
        check("/console/disputes?view=customer&status=ALL", "staff-disputes-by-customer", problems);
        check("/console/disputes?card=12&since=yesterday", "staff-disputes-filter-error", problems);
        check("/console/compromised-points", "staff-compromised-points", problems);
        check("/console/screening/proposals", "staff-screening-proposals-analyst", problems);
        check("/console/screening/runs", "staff-screening-runs-analyst", problems);
        check("/console/applications", "staff-applications-analyst", problems);
        check("/privacy/data-map", "staff-data-map", problems);
        check("/console/admin/models", "staff-models-analyst", problems);
        check("/console/admin/rules", "staff-rules-analyst", problems);
        assertThat(navigation()).containsExactly("nav-decisions", "nav-disputes", "nav-points", "nav-screening",
                "nav-applications", "nav-statistics", "nav-models", "nav-rules", "nav-data-map");
        check("/console/admin/keys", "staff-keys-forbidden-analyst", problems);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("このページを開く権限がありません");
        check("/no-such-page", "staff-not-found", problems);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ページが見つかりません");
        assertThat(problems).isEmpty();
    }

    @Test
    void administratorsPagesFitAPhoneAndADesktopAndTheNavigationShowsThem() throws Exception {
        signInAsStaff("admin");
        List<String> problems = new ArrayList<>();
        check("/console/admin/models", "staff-models", problems);
        check("/console/admin/rules", "staff-rules", problems);
        check("/console/admin/rules/new", "staff-rule-new", problems);
        check("/console/admin/keys", "staff-keys", problems);
        assertThat(navigation()).containsExactly("nav-decisions", "nav-disputes", "nav-points", "nav-screening",
                "nav-applications", "nav-statistics", "nav-models", "nav-rules", "nav-keys", "nav-data-map");
        assertThat(problems).isEmpty();
    }

    @Test
    void customerServiceSeesOnlyItsPagesAndAFriendlyRefusalForOthers() throws Exception {
        BrowserCaller caller = BrowserCaller.create(url(""), personalData, cards, clients);
        DataSubjectRequest asked = requests.submit(Actor.cardholder(caller.customerId(), "portal"),
                caller.customerId(), RequestKind.DISCLOSURE, RequestDetails.none(), ConsentChannel.PORTAL,
                "every-page-" + caller.authorizationId());
        signInAsStaff("support");
        assertThat(browser.getCurrentUrl()).endsWith("/service");
        List<String> problems = new ArrayList<>();
        check("/service", "staff-service", problems);
        // A search is a POST: the refused search is reached by sending the form.
        check("/service", "staff-service-invalid", problems, () -> {
            browser.findElement(By.id("last4")).sendKeys("12a");
            browser.findElement(By.cssSelector("#find-by-card button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("last4-error")));
        });
        check("/service/customers/" + caller.customerId(), "staff-service-customer", problems);
        check("/privacy/requests", "staff-requests", problems);
        check("/privacy/requests/" + asked.id(), "staff-request-view-only", problems);
        assertThat(navigation()).containsExactly("nav-service", "nav-requests", "nav-support-window", "nav-voice-counter",
                "nav-voice-imports", "nav-data-map");
        String booking = callBackBooking();
        check("/support-window", "staff-support-window", problems);
        check("/support-window/bookings/" + booking, "staff-support-booking", problems);
        check("/console/disputes", "staff-forbidden", problems);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("このページを開く権限がありません");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        assertThat(problems).isEmpty();
    }

    /** A call-back booked by a new customer with a phone, for customer service's pages to show. */
    private String callBackBooking() {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        values.put(PersonalField.NAME_KANJI, "佐藤 健太");
        values.put(PersonalField.PHONE, "090-0000-1234");
        String customer = personalData.register(new Actor("every-page", Set.of(Role.CUSTOMER_SERVICE), "test"),
                "E-" + tag, values).customerId();
        Instant start = supportBookings.slots(SupportKind.CALL_BACK, supportBookings.days().get(0)).stream()
                .filter(s -> !s.full()).findFirst().orElseThrow().start();
        return supportBookings.book(customer, SupportKind.CALL_BACK, start, SupportTopic.PAYMENT, "午後にお願いします",
                UUID.randomUUID().toString(), "test").id();
    }

    @Test
    void privacyOfficersPagesFitAPhoneAndADesktop() throws Exception {
        String customer = BrowserCaller.create(url(""), personalData, cards, clients).customerId();
        Actor person = Actor.cardholder(customer, "portal");
        DataSubjectRequest open = requests.submit(person, customer, RequestKind.CORRECTION,
                RequestDetails.correction(java.util.Map.of(PersonalField.ADDRESS, "東京都世田谷区桜丘1丁目2-3")),
                ConsentChannel.PORTAL, "every-page-open-" + customer);
        DataSubjectRequest disclosed = requests.submit(person, customer, RequestKind.DISCLOSURE, RequestDetails.none(),
                ConsentChannel.PORTAL, "every-page-done-" + customer);
        requests.complete(new Actor("every-page-officer", java.util.Set.of(dev.anshin.access.Role.PRIVACY_OFFICER),
                "test"), disclosed.id());
        signInAsStaff("privacy");
        assertThat(browser.getCurrentUrl()).endsWith("/privacy/requests");
        List<String> problems = new ArrayList<>();
        check("/privacy/requests", "staff-requests-officer", problems);
        check("/privacy/requests/" + open.id(), "staff-request", problems);
        check("/privacy/requests/" + disclosed.id(), "staff-request-completed", problems);
        check("/privacy/requests/" + disclosed.id() + "/disclosure", "staff-request-disclosure", problems);
        check("/privacy/data-map", "staff-data-map-officer", problems);
        assertThat(browser.findElements(By.id("retention-rules"))).hasSize(1);
        check("/privacy/data-map?lang=en", "staff-data-map-officer-en", problems);
        assertThat(navigation()).containsExactly("nav-statistics", "nav-requests", "nav-data-map");
        assertThat(problems).isEmpty();
    }

    private void signInAsStaff(String user) {
        BrowserStaff.signIn(browser, url(""), user);
    }

    private boolean browserFinds(String path, String id) {
        browser.get(url(path));
        return !browser.findElements(By.id(id)).isEmpty();
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector(".site-nav a")).stream().map(a -> a.getAttribute("id")).toList();
    }

    /**
     * Opens the page at both sizes, adds to {@code problems} what breaks the layout's promises or what
     * axe finds serious or critical, and saves a screenshot of each.
     */
    private void check(String path, String name, List<String> problems) throws Exception {
        check(path, name, problems, () -> {
        });
    }

    /** Opens the page, then does {@code then} on it (sends a form, say) and checks what is shown. */
    private void check(String path, String name, List<String> problems, Runnable then) throws Exception {
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            browser.manage().window().setSize(size);
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            then.run();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            String at = path + " at " + size.width + "×" + size.height + ": ";
            JavascriptExecutor js = (JavascriptExecutor) browser;
            long overflow = ((Number) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
            if (overflow > 0) {
                problems.add(at + "the page is " + overflow + " px wider than the screen");
            }
            if (browser.findElements(By.cssSelector("meta[name=viewport][content*='width=device-width']")).size() != 1) {
                problems.add(at + "no viewport");
            }
            if (browser.findElements(By.cssSelector("main#main")).size() != 1) {
                problems.add(at + "not one main#main");
            }
            if (browser.findElements(By.tagName("h1")).size() != 1) {
                problems.add(at + browser.findElements(By.tagName("h1")).size() + " h1");
            }
            if (browser.findElements(By.cssSelector("link[rel=stylesheet][href$='/assets/anshin.css']")).size() != 1) {
                problems.add(at + "not the shared stylesheet");
            }
            if (browser.findElement(By.tagName("html")).getAttribute("lang").isBlank()) {
                problems.add(at + "no language");
            }
            if (browser.getTitle().isBlank()) {
                problems.add(at + "no title");
            }
            if (Axe.installed()) {
                problems.addAll(Axe.seriousFindings(browser, path + " at " + size.width + "×" + size.height));
            }
            HeadlessChromium.screenshot(browser, "screenshots/" + name + "-" + (size == PHONE ? "phone" : "desktop") + ".png");
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
