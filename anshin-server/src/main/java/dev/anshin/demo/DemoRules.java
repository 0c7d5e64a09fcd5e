package dev.anshin.demo;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.fraud.DecisionRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * the simulation) go to review or are declined, and a third is off. Their descriptions are in Japanese,
 * as a Japanese issuer's administrators would write them (the demo is Japanese-first); a rule's
 * description is the administrator's own text and is shown as written in either language.
 */
final class DemoRules {

    private static final Logger log = LoggerFactory.getLogger(DemoRules.class);
    private static final String CLIENT = "demo-rule-setup";
    static final List<String> RULES = List.of("""
            {"id":"demo-large-amount","description":"10万円を超える利用は保留して確認","action":"REVIEW",\
            "enabled":true,"condition":{"type":"feature","feature":"amount","comparison":"GT","value":100000}}""", """
            {"id":"demo-gambling","description":"ギャンブル加盟店（MCC 7995）での5万円以上の利用は拒否",\
            "action":"DECLINE","enabled":true,"condition":{"type":"allOf","conditions":[\
            {"type":"inList","attribute":"MCC","values":["7995"]},\
            {"type":"feature","feature":"amount","comparison":"GE","value":50000}]}}""", """
            {"id":"demo-card-burst","description":"同じカードの1時間に9回以上の利用は保留して確認","action":"REVIEW",\
            "enabled":false,"condition":{"type":"feature","feature":"card_tx_count_1h","comparison":"GT","value":8}}""");

    private DemoRules() {
    }

    /** How long the set-up key lives at most, should its revocation fail: the set-up takes seconds. */
    static final Duration KEY_LIFETIME = Duration.ofMinutes(10);

    /**
     * Adds each of the demo's rules that was never set (so one an administrator deleted stays deleted,
     * and a database shared with other rules still gets them); a failure is logged, the demo goes
     * on without them. The ADMIN key for it is made only then, expires on its own in
     * {@link #KEY_LIFETIME}, and is revoked as soon as the rules are in (the revocation's answer checked).
     */
    static void ensure(HttpClient http, URI base, ApiClients clients, DecisionRules rules) {
        List<String> missing = RULES.stream().filter(rule -> !rules.everSet(id(rule))).toList();
        if (missing.isEmpty()) {
            return;
        }
        String key = clients.replace(CLIENT, EnumSet.of(Role.ADMIN), KEY_LIFETIME);
        try {
            for (String rule : missing) {
                int status = http.send(request(base, "/api/v1/rules", key)
                        .POST(HttpRequest.BodyPublishers.ofString(rule)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 201 && status != 409) {
                    log.warn("demo: a demo rule was refused ({})", status);
                }
            }
            log.info("demo: {} decision rules added (administrators change them at /console/admin/rules)",
                    missing.size());
        } catch (IOException e) {
            log.warn("demo: no demo rules ({})", e.toString());
        } catch (InterruptedException e) {
            log.warn("demo: interrupted while adding the demo rules");
            Thread.currentThread().interrupt();
        } finally {
            revoke(http, base, key, clients);
        }
    }

    /** Revokes the set-up key through the API; failing that, in the database directly (it expires anyway). */
    private static void revoke(HttpClient http, URI base, String key, ApiClients clients) {
        boolean interrupted = Thread.interrupted();
        try {
            int status = http.send(request(base, "/api/v1/api-clients/" + CLIENT + "/revocation", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return;
            }
            log.warn("demo: revoking the rule set-up key answered {}; revoking it directly", status);
        } catch (IOException e) {
            log.warn("demo: the rule set-up key was not revoked through the API ({}); revoking it directly",
                    e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        clients.disableNamed(CLIENT);
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"");

    /** The rule's id, from its JSON. */
    static String id(String rule) {
        java.util.regex.Matcher m = ID.matcher(rule);
        if (!m.find()) {
            throw new IllegalStateException("a demo rule without an id");
        }
        return m.group(1);
    }

    private static HttpRequest.Builder request(URI base, String path, String key) {
        return HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", key)
                .header("Content-Type", "application/json");
    }
}
