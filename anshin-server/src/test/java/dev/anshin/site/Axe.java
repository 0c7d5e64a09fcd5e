package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core, from the accessibility checks' npm project ({@code src/test/a11y}, installed by
 * {@code npm ci}), run on the page a browser shows against WCAG 2.0, 2.1 and 2.2 A and AA. WebDriver
 * evaluates the script itself, so the pages' content security policy (no inline or foreign script)
 * does not stop it.
 */
public final class Axe {

    static final Path SCRIPT = Path.of("src/test/a11y/node_modules/axe-core/axe.min.js");
    static final String NOT_INSTALLED = "axe-core not installed: run `npm ci` in anshin-server/src/test/a11y "
            + "(.ci/run does; needs Node.js and npm)";

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final Set<String> FAILING = Set.of("serious", "critical");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Axe() {
    }

    public static boolean installed() {
        return Files.isReadable(SCRIPT);
    }

    /** What axe finds serious or critical on the page {@code browser} shows, each as "page: rule (impact) at targets". */
    public static List<String> seriousFindings(WebDriver browser, String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(Files.readString(SCRIPT));
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));
                """, TAGS);
        String answer = String.valueOf(result);
        if (answer.startsWith("error: ")) {
            throw new IllegalStateException("axe failed on " + page + ": " + answer);
        }
        return seriousFindings(page, JSON.readTree(answer));
    }

    /** Fails when axe finds anything serious or critical on the page (nothing is checked without axe-core). */
    public static void assertNoSeriousFindings(WebDriver browser, String page) throws IOException {
        if (installed()) {
            assertThat(seriousFindings(browser, page)).isEmpty();
        }
    }

    /** The violations of impact serious or critical in axe's {@code violations}, one line per element. */
    static List<String> seriousFindings(String page, JsonNode violations) {
        List<String> findings = new ArrayList<>();
        for (JsonNode rule : violations) {
            for (JsonNode node : rule.path("nodes")) {
                String impact = node.path("impact").asString(rule.path("impact").asString(""));
                if (FAILING.contains(impact)) {
                    findings.add(page + ": " + rule.path("id").asString() + " (" + impact + ") at "
                            + node.path("target") + " — " + node.path("failureSummary").asString("").replace('\n', ' '));
                }
            }
        }
        return findings;
    }
}
