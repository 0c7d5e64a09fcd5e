package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.cards.Cards;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.portal.PortalBrowserSignIn;
import dev.anshin.customerservice.BrowserCaller;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lighthouse (the accessibility checks' npm project, Debian's Chromium) on every page, as each kind of
 * person reaches it: accessibility must score 100 and best practices at least 95. Signed-in pages get
 * the session a browser signed in with, as a Cookie header. Lighthouse refuses to audit a page answered
 * with an error status, so the error pages are left to axe ({@link EveryPageBrowserIntegrationTest}).
 * Reports go to {@code target/lighthouse}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/lighthouse-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class LighthouseIntegrationTest extends BrowserTestSupport {

    static final Path LIGHTHOUSE = Path.of("src/test/a11y/node_modules/.bin/lighthouse");
    static final Path AUDIT = Path.of("src/test/a11y/audit-pages.mjs");
    private static final double ACCESSIBILITY = 1.0;
    private static final double BEST_PRACTICES = 0.95;
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    EkycVerifications ekyc;

    @TempDir
    Path home;

    LighthouseIntegrationTest() {
        super(1280, 900);
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(LIGHTHOUSE), "Lighthouse not installed: run `npm ci` in anshin-server/src/test/a11y "
                + "(.ci/run does; needs Node.js and npm)");
        Files.createDirectories(Path.of("target", "lighthouse"));
    }

    @Test
    void everyPageScoresFullAccessibilityAndGoodBestPractices() throws Exception {
        for (String page : List.of("/portal/login", "/portal/activate", "/portal/help", "/login", "/portal/login?lang=en")) {
            audit(page, Map.of());
        }
        // The sandbox eKYC vendor's two steps, open to anyone like a vendor's pages.
        String verification = ekyc.start("lighthouse-" + System.nanoTime(), java.net.URI.create("/portal/help"),
                java.util.Locale.JAPANESE).verificationId();
        for (String page : List.of("/sandbox/ekyc/" + verification,
                "/sandbox/ekyc/" + verification + "/capture?method=IC_CHIP_AND_FACE")) {
            audit(page, Map.of());
        }
        // The authenticator's set-up, in a session left at that step.
        BrowserCardholder.atAuthenticatorStep(browser, url(""), personalData, clients, json);
        audit("/portal/activate/authenticator", session());
        browser.manage().deleteAllCookies();

        BrowserCardholder cardholder = BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        Map<String, String> signedIn = session();
        for (String page : List.of("/portal/usage", "/portal/disputes", "/portal/disputes/new", "/portal/requests",
                "/portal/privacy", "/portal/help", "/portal/support")) {
            audit(page, signedIn);
        }
        // The second step of signing in (the authenticator's code), in another session left there.
        browser.manage().deleteAllCookies();
        PortalBrowserSignIn.toCodeStep(browser, url(""), cardholder.loginId(), BrowserCardholder.PASSWORD);
        audit("/portal/login/code", session());

        browser.manage().deleteAllCookies();
        String decision = BrowserDecisions.scoreOne(url(""), clients, cards);
        String dispute = BrowserDecisions.caseForAnAnalyst(url(""), clients, cards);
        signInAsStaff("analyst");
        Map<String, String> analyst = session();
        for (String page : List.of("/console", "/console/decisions/" + decision, "/console/disputes",
                "/console/disputes/" + dispute,
                "/console/compromised-points", "/privacy/data-map")) {
            audit(page, analyst);
        }
        browser.manage().deleteAllCookies();
        signInAsStaff("admin");
        Map<String, String> admin = session();
        for (String page : List.of("/console/admin/models", "/console/admin/rules", "/console/admin/rules/new",
                "/console/admin/keys")) {
            audit(page, admin);
        }
        browser.manage().deleteAllCookies();
        String caller = BrowserCaller.create(url(""), personalData, cards, clients).customerId();
        signInAsStaff("support");
        Map<String, String> support = session();
        audit("/privacy/requests", support);
        audit("/support-window", support);
        audit("/service", support);
        audit("/service/customers/" + caller, support);
        browser.manage().deleteAllCookies();
        String asked = requests.submit(Actor.cardholder(caller, "portal"), caller, RequestKind.DISCLOSURE,
                RequestDetails.none(), ConsentChannel.PORTAL, "lighthouse-" + caller).id();
        signInAsStaff("privacy");
        audit("/privacy/requests/" + asked, session());

        List<String> problems = new ArrayList<>();
        auditQueued(problems);
        assertThat(problems).isEmpty();
    }

    /** A page to audit, with the headers (the session's cookie) it is fetched with, and its report. */
    private record Job(String page, Map<String, String> headers, Path report) {
    }

    private final List<Job> jobs = new ArrayList<>();

    /** Queues the page for {@link #auditQueued}, fetched with {@code headers}. */
    private void audit(String page, Map<String, String> headers) {
        String name = (page.replaceAll("[^a-z0-9]+", "-") + "-" + Integer.toHexString(headers.hashCode()))
                .replaceAll("^-", "");
        jobs.add(new Job(page, headers, Path.of("target", "lighthouse", name + ".json").toAbsolutePath()));
    }

    /**
     * Runs Lighthouse on the queued pages with one Node process and one Chromium a session
     * ({@code audit-pages.mjs}: starting them once a page was most of the time), and adds to {@code problems} each category
     * under its bar, with its failed audits.
     */
    private void auditQueued(List<String> problems) throws Exception {
        Path profile = Files.createTempDirectory(home, "chromium-");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("chromePath", "/usr/bin/chromium");
        request.put("chromeFlags", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"));
        request.put("profiles", profile.toString());
        request.put("categories", List.of("accessibility", "best-practices"));
        request.put("pages", jobs.stream().map(job -> Map.of("url", url(job.page()), "headers", job.headers(),
                "output", job.report().toString())).toList());
        Path file = home.resolve("jobs.json");
        JSON.writeValue(file.toFile(), request);
        jobs.forEach(job -> job.report().toFile().delete());
        Path log = home.resolve("lighthouse.log");
        ProcessBuilder builder = new ProcessBuilder("node", AUDIT.toAbsolutePath().toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        long started = System.nanoTime();
        Process lighthouse = builder.start();
        long limit = 2L * jobs.size() + 1;
        if (!lighthouse.waitFor(limit, TimeUnit.MINUTES)) {
            lighthouse.destroyForcibly();
            problems.add("Lighthouse did not finish " + jobs.size() + " pages in " + limit + " minutes: " + Files.readString(log));
        } else if (lighthouse.exitValue() != 0) {
            problems.add("Lighthouse failed: " + Files.readString(log));
        }
        System.out.print(Files.readString(log));
        System.out.printf("Lighthouse: %d pages in %d s%n", jobs.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
        for (Job job : jobs) {
            if (!Files.exists(job.report())) {
                problems.add(job.page() + ": no report");
                continue;
            }
            JsonNode result = JSON.readTree(job.report().toFile());
            if (result.has("runtimeError")) {
                problems.add(job.page() + ": Lighthouse failed: " + result.path("runtimeError").asString());
                continue;
            }
            if (!result.path("finalDisplayedUrl").asString().equals(url(job.page()))) {
                // A lost session lands on the sign-in page: its score would say nothing of this one.
                problems.add(job.page() + ": Lighthouse ended on " + result.path("finalDisplayedUrl").asString());
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            scores.put("accessibility", ACCESSIBILITY);
            scores.put("best-practices", BEST_PRACTICES);
            StringBuilder line = new StringBuilder();
            scores.forEach((category, bar) -> {
                double score = result.path("categories").path(category).path("score").asDouble(0);
                line.append(' ').append(category).append(' ').append(Math.round(score * 100));
                problems.addAll(LighthouseReport.shortfalls(job.page(), category, bar, result));
            });
            System.out.printf("Lighthouse %s%s%n", job.page(), line);
        }
        jobs.clear();
    }

    private Map<String, String> session() {
        return Map.of("Cookie", browser.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
    }

    private void signInAsStaff(String user) {
        BrowserStaff.signIn(browser, url(""), user);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
