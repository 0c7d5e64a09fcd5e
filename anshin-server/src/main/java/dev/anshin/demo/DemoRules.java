package dev.anshin.demo;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few decision rules for a fresh demo, so the administrators' rule page has something to show
 * and change: added through the rules API as an issuer's administrator would, with an ADMIN key made
 * for the purpose that revokes itself when done (so no administrator key is left lying about). Only
 * when there are no rules yet: rules an administrator changed, deleted or added are left alone. They
 * are written not to disturb the simulated traffic: large amounts and gambling merchants (none in
 * the simulation) go to review or are declined, and a third is off.
 */
final class DemoRules {

    private static final Logger log = LoggerFactory.getLogger(DemoRules.class);
    private static final String CLIENT = "demo-rule-setup";
    static final List<String> RULES = List.of("""
            {"id":"demo-large-amount","description":"Amount over 100,000 yen: review","action":"REVIEW",\
            "enabled":true,"condition":{"type":"feature","feature":"amount","comparison":"GT","value":100000}}""", """
            {"id":"demo-gambling","description":"Gambling merchant (MCC 7995) with a large amount",\
            "action":"DECLINE","enabled":true,"condition":{"type":"allOf","conditions":[\
            {"type":"inList","attribute":"MCC","values":["7995"]},\
            {"type":"feature","feature":"amount","comparison":"GE","value":50000}]}}""", """
            {"id":"demo-card-burst","description":"More than 8 uses of the card in an hour","action":"REVIEW",\
            "enabled":false,"condition":{"type":"feature","feature":"card_tx_count_1h","comparison":"GT","value":8}}""");

    private DemoRules() {
    }

    /** Adds the demo's rules if there are none; a failure is logged, the demo goes on without them. */
    static void ensure(HttpClient http, URI base, ApiClients clients) {
        String key = clients.replace(CLIENT, EnumSet.of(Role.ADMIN));
        try {
            String active = http.send(request(base, "/api/v1/rules", key).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (active.contains("\"ruleSetVersion\":0,")) {
                for (String rule : RULES) {
                    int status = http.send(request(base, "/api/v1/rules", key)
                            .POST(HttpRequest.BodyPublishers.ofString(rule)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 201 && status != 409) {
                        log.warn("demo: a demo rule was refused ({})", status);
                    }
                }
                log.info("demo: {} decision rules added (administrators change them at /console/admin/rules)",
                        RULES.size());
            }
        } catch (IOException e) {
            log.warn("demo: no demo rules ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            revoke(http, base, key);
        }
    }

    private static void revoke(HttpClient http, URI base, String key) {
        try {
            http.send(request(base, "/api/v1/api-clients/" + CLIENT + "/revocation", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            log.warn("demo: the rule set-up key was not revoked ({}); it is revoked at the next start", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequest.Builder request(URI base, String path, String key) {
        return HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", key)
                .header("Content-Type", "application/json");
    }
}
