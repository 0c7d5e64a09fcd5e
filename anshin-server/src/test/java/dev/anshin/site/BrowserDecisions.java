package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Cards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decision scored through the real API, and a reported charge waiting for an analyst, for the pages'
 * browser tests to open their details.
 */
final class BrowserDecisions {

    private BrowserDecisions() {
    }

    /** Scores one authorization of a new card and returns its id. */
    static String scoreOne(String baseUrl, ApiClients clients, Cards cards) throws Exception {
        String pan = IntegrationTestSupport.newPan();
        cards.register(pan);
        return score(baseUrl, clients, pan);
    }

    /**
     * A new customer's card, one charge scored and reported as unrecognized by customer service; returns
     * the case's id once the investigation has handed it to an analyst (the answers leave it unclear).
     */
    static String caseForAnAnalyst(String baseUrl, ApiClients clients, Cards cards) throws Exception {
        String service = clients.register("pages-service-" + UUID.randomUUID(), EnumSet.of(Role.CUSTOMER_SERVICE));
        String customer = field(post(baseUrl, "/api/v1/customers", service, "{\"customerNumber\":\"P-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"values\":{\"NAME_KANJI\":\"画面花子\"}}", 201),
                "customerId");
        String pan = IntegrationTestSupport.newPan();
        cards.register(pan, customer);
        String authorization = score(baseUrl, clients, pan);
        String created = post(baseUrl, "/api/v1/disputes", service, "{\"customerId\":\"" + customer + "\","
                + "\"authorizationIds\":[\"" + authorization + "\"],\"cardInHand\":\"YES\",\"familyCouldExplain\":\"NO\","
                + "\"subscriptionCouldExplain\":\"NO\",\"recognizesMerchant\":\"NO\",\"certified\":true}", 201);
        String id = field(created.substring(created.indexOf("\"disputes\"")), "id");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (send(baseUrl, "/api/v1/disputes/" + id, service, null).body().contains("\"ANALYST_REVIEW\"")) {
                return id;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("case " + id + " did not reach an analyst");
    }

    private static String score(String baseUrl, ApiClients clients, String pan) throws Exception {
        String key = clients.register("pages-scorer-" + UUID.randomUUID(), EnumSet.of(Role.SCORER));
        String id = "page-" + UUID.randomUUID();
        String body = "{\"authorizationId\":\"" + id + "\",\"card\":{\"pan\":\"" + pan + "\"},"
                + "\"amount\":{\"minor\":3980,\"currency\":\"JPY\"},\"merchantId\":\"M-PAGES\",\"mcc\":\"5411\","
                + "\"terminalId\":\"T-PAGES\",\"merchantCountry\":\"JP\",\"posEntryMode\":\"07\",\"cardPresent\":true,"
                + "\"merchantName\":\"AOZORA MART SHIBUYA JP\",\"timestamp\":\"" + Instant.now() + "\"}";
        post(baseUrl, "/api/v1/authorizations", key, body, 200);
        return id;
    }

    private static String post(String baseUrl, String path, String key, String body, int expected) throws Exception {
        HttpResponse<String> response = send(baseUrl, path, key, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    /** A POST of {@code body}, or a GET without one. */
    private static HttpResponse<String> send(String baseUrl, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-Api-Key", key);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A string field's value in a JSON text (the first with that name). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
