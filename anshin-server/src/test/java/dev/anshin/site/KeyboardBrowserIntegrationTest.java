package dev.anshin.site;

import dev.anshin.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.portal.BrowserCardholder;
import dev.anshin.privacy.PersonalData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * A keyboard alone gets round a portal page and a staff page: Tab first reaches the skip link, every
 * link, button and field on the page in turn, each showing an outline while it has the focus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/keyboard-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class KeyboardBrowserIntegrationTest extends BrowserTestSupport {

    /** Numbers every visible control, so the test can tell which one has the focus. */
    private static final String NUMBER_CONTROLS = """
            const controls = [...document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
              .filter(e => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .filter(e => e.type !== 'radio' || tabStop(e));
            // Tab enters a group of radio buttons once: at the checked one, or the first.
            function tabStop(radio) {
              const group = [...document.querySelectorAll('input[type=radio]')].filter(r => r.name === radio.name);
              return radio.checked || (!group.some(r => r.checked) && group[0] === radio);
            }
            controls.forEach((e, i) => e.dataset.keyboard = String(i));
            return controls.map(e => e.id || e.textContent.trim().slice(0, 20) || e.tagName);
            """;
    private static final String FOCUSED = """
            const e = document.activeElement, style = getComputedStyle(e);
            return {index: e.dataset.keyboard || '', skip: e.classList.contains('skip-link'),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
            """;

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    @Autowired
    MovableClock clock;

    KeyboardBrowserIntegrationTest() {
        super(1280, 900);
    }

    @Test
    void theKeyboardReachesEveryControlOfTheCardholdersReportFormWithTheFocusShown() throws Exception {
        BrowserCardholder.signedIn(browser, url(""), personalData, clients, json, clock);
        browser.get(url("/portal/disputes/new"));

        assertThat(tabThrough()).isEmpty();
    }

    @Test
    void theKeyboardReachesEveryControlOfTheDecisionsPageWithTheFocusShown() {
        BrowserStaff.signIn(browser, url(""), "analyst");
        browser.get(url("/console"));

        assertThat(tabThrough()).isEmpty();
    }

    /** Tabs from the top of the page until the focus leaves it; what a keyboard user would miss. */
    @SuppressWarnings("unchecked")
    private List<String> tabThrough() {
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<String> controls = (List<String>) js.executeScript(NUMBER_CONTROLS);
        List<String> problems = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        for (int step = 0; step < controls.size() + 5; step++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Map<String, Object> focused = (Map<String, Object>) js.executeScript(FOCUSED);
            String index = (String) focused.get("index");
            if (step == 0 && !Boolean.TRUE.equals(focused.get("skip"))) {
                problems.add("the first Tab reaches " + index + ", not the skip link");
            }
            if (index.isEmpty() || !reached.add(index)) {
                break;
            }
            if (!Boolean.TRUE.equals(focused.get("outline"))) {
                problems.add(controls.get(Integer.parseInt(index)) + " shows no outline when focused");
            }
        }
        for (int i = 0; i < controls.size(); i++) {
            if (!reached.contains(String.valueOf(i))) {
                problems.add(controls.get(i) + " is never reached by Tab");
            }
        }
        return problems;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
