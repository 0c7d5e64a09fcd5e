package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LighthouseReportTest {

    private static final JsonNode REPORT = JsonMapper.builder().build().readTree("""
            {"categories": {
               "accessibility": {"score": 0.96, "auditRefs": [{"id": "color-contrast"}, {"id": "label"}, {"id": "tabindex"}]},
               "best-practices": {"score": 0.96, "auditRefs": [{"id": "errors-in-console"}]}},
             "audits": {
               "color-contrast": {"id": "color-contrast", "title": "Contrast is too low", "score": 0},
               "label": {"id": "label", "title": "Form elements have labels", "score": 1},
               "tabindex": {"id": "tabindex", "title": "No tabindex above 0", "score": null},
               "errors-in-console": {"id": "errors-in-console", "title": "Errors logged", "score": 0}}}
            """);

    @Test
    void namesACategoryUnderItsBarWithTheAuditsThatFailed() {
        assertThat(LighthouseReport.shortfalls("/console", "accessibility", 1.0, REPORT))
                .containsExactly("/console: accessibility 96 < 100: color-contrast (Contrast is too low)");
    }

    @Test
    void saysNothingOfACategoryAtOrAboveItsBar() {
        assertThat(LighthouseReport.shortfalls("/console", "best-practices", 0.95, REPORT)).isEmpty();
    }
}
