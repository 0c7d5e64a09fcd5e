package dev.anshin.site;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading a Lighthouse report (its JSON output). */
final class LighthouseReport {

    private LighthouseReport() {
    }

    /** The category, when under its bar, and each of its audits that did not pass. */
    static List<String> shortfalls(String page, String category, double bar, JsonNode result) {
        JsonNode node = result.path("categories").path(category);
        double score = node.path("score").asDouble(0);
        if (score >= bar) {
            return List.of();
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode ref : node.path("auditRefs")) {
            JsonNode audit = result.path("audits").path(ref.path("id").asString());
            if (audit.path("score").isNumber() && audit.path("score").asDouble() < 1) {
                failed.add(audit.path("id").asString() + " (" + audit.path("title").asString() + ")");
            }
        }
        return List.of(page + ": " + category + " " + Math.round(score * 100) + " < " + Math.round(bar * 100)
                + ": " + String.join(", ", failed));
    }
}
