package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.cards.Cards;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
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
class LighthouseIntegrationTest {

    static final Path LIGHTHOUSE = Path.of("src/test/a11y/node_modules/.bin/lighthouse");
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

    @TempDir
    Path home;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Chromium not installed; .ci/run installs it");
        assumeTrue(Files.isExecutable(LIGHTHOUSE), "Lighthouse not installed: run `npm ci` in anshin-server/src/test/a11y "
                + "(.ci/run does; needs Node.js and npm)");
        browser = HeadlessChromium.start(home.resolve("selenium"), 1280, 900);
        Files.createDirectories(Path.of("target", "lighthouse"));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageScoresFullAccessibilityAndGoodBestPractices() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String page : List.of("/portal/login", "/portal/activate", "/portal/help", "/login", "/portal/login?lang=en")) {
            audit(page, Map.of(), problems);
        }
        BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        Map<String, String> cardholder = session();
        for (String page : List.of("/portal/usage", "/portal/disputes", "/portal/disputes/new", "/portal/requests",
                "/portal/privacy", "/portal/help")) {
            audit(page, cardholder, problems);
        }
        browser.manage().deleteAllCookies();
        signInAsStaff("analyst");
        Map<String, String> analyst = session();
        for (String page : List.of("/console", "/console/disputes", "/console/compromised-points", "/privacy/data-map")) {
            audit(page, analyst, problems);
        }
        browser.manage().deleteAllCookies();
        String caller = BrowserCaller.create(url(""), personalData, cards, clients).customerId();
        signInAsStaff("support");
        Map<String, String> support = session();
        audit("/privacy/requests", support, problems);
        audit("/service", support, problems);
        audit("/service/customers/" + caller, support, problems);
        browser.manage().deleteAllCookies();
        String asked = requests.submit(Actor.cardholder(caller, "portal"), caller, RequestKind.DISCLOSURE,
                RequestDetails.none(), ConsentChannel.PORTAL, "lighthouse-" + caller).id();
        signInAsStaff("privacy");
        audit("/privacy/requests/" + asked, session(), problems);
        assertThat(problems).isEmpty();
    }

    /** Runs Lighthouse on the page and adds to {@code problems} a category under its bar, with its failed audits. */
    private void audit(String page, Map<String, String> headers, List<String> problems) throws Exception {
        String name = (page.replaceAll("[^a-z0-9]+", "-") + "-" + headers.hashCode()).replaceAll("^-", "");
        Path report = Path.of("target", "lighthouse", name + ".json").toAbsolutePath();
        Path profile = Files.createTempDirectory(home, "chromium-");
        List<String> command = new ArrayList<>(List.of(LIGHTHOUSE.toAbsolutePath().toString(), url(page),
                "--only-categories=accessibility,best-practices", "--output=json", "--output-path=" + report, "--quiet",
                "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"
                        + " --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage"
                        + " --user-data-dir=" + profile));
        if (!headers.isEmpty()) {
            command.add("--extra-headers=" + JSON.writeValueAsString(headers));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("CHROME_PATH", "/usr/bin/chromium");
        builder.environment().put("HOME", home.toString());
        long started = System.nanoTime();
        Process lighthouse = builder.start();
        if (!lighthouse.waitFor(3, TimeUnit.MINUTES)) {
            lighthouse.destroyForcibly();
            problems.add(page + ": Lighthouse did not finish in 3 minutes");
            return;
        }
        if (lighthouse.exitValue() != 0) {
            problems.add(page + ": Lighthouse failed: " + Files.readString(home.resolve(name + ".log")));
            return;
        }
        JsonNode result = JSON.readTree(report.toFile());
        if (!result.path("finalDisplayedUrl").asString().equals(url(page))) {
            // A lost session lands on the sign-in page: its score would say nothing of this one.
            problems.add(page + ": Lighthouse ended on " + result.path("finalDisplayedUrl").asString());
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("accessibility", ACCESSIBILITY);
        scores.put("best-practices", BEST_PRACTICES);
        StringBuilder line = new StringBuilder();
        scores.forEach((category, bar) -> {
            double score = result.path("categories").path(category).path("score").asDouble(0);
            line.append(' ').append(category).append(' ').append(Math.round(score * 100));
            problems.addAll(LighthouseReport.shortfalls(page, category, bar, result));
        });
        System.out.printf("Lighthouse %s%s (%d s)%n", page, line, Duration.ofNanos(System.nanoTime() - started).toSeconds());
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
