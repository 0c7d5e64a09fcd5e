package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.HeadlessChromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.json.JsonMapper;

class AxeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keepsOnlySeriousAndCriticalFindingsOneLinePerElement() {
        String violations = """
                [{"id": "color-contrast", "impact": "serious", "nodes": [
                   {"impact": "serious", "target": [".muted"], "failureSummary": "Fix:\\n contrast 3.1"},
                   {"impact": "serious", "target": ["#total"], "failureSummary": "Fix: contrast 4.2"}]},
                 {"id": "region", "impact": "moderate", "nodes": [{"impact": "moderate", "target": ["p"]}]},
                 {"id": "svg-img-alt", "impact": "critical", "nodes": [{"target": ["#rates"]}]}]
                """;

        assertThat(Axe.seriousFindings("/console", JSON.readTree(violations))).containsExactly(
                "/console: color-contrast (serious) at [\".muted\"] — Fix:  contrast 3.1",
                "/console: color-contrast (serious) at [\"#total\"] — Fix: contrast 4.2",
                "/console: svg-img-alt (critical) at [\"#rates\"] — ");
    }

    @Test
    void findsAnUnnamedChartAndPaleTextOnAPageInChromium(@TempDir Path home) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Chromium not installed; .ci/run installs it");
        assumeTrue(Axe.installed(), Axe.NOT_INSTALLED);
        String page = """
                <!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>
                <h1>Bad</h1><p style="color:#bbb;background:#fff">pale text</p>
                <svg id="chart" role="img" width="10" height="10"></svg></main></body></html>""";
        WebDriver browser = HeadlessChromium.start(home, 800, 600);
        try {
            browser.get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));

            assertThat(Axe.seriousFindings(browser, "bad"))
                    .anyMatch(finding -> finding.startsWith("bad: color-contrast (serious)"))
                    .anyMatch(finding -> finding.startsWith("bad: svg-img-alt (serious) at [\"#chart\"]"));
        } finally {
            browser.quit();
        }
    }
}
