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
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

/** A decision scored through the real API, for the pages' browser tests to open its details. */
final class BrowserDecisions {

    private BrowserDecisions() {
    }

    /** Scores one authorization of a new card and returns its id. */
    static String scoreOne(String baseUrl, ApiClients clients, Cards cards) throws Exception {
        String pan = IntegrationTestSupport.newPan();
        cards.register(pan);
        String key = clients.register("pages-scorer-" + UUID.randomUUID(), EnumSet.of(Role.SCORER));
        String id = "page-" + UUID.randomUUID();
        String body = "{\"authorizationId\":\"" + id + "\",\"card\":{\"pan\":\"" + pan + "\"},"
                + "\"amount\":{\"minor\":3980,\"currency\":\"JPY\"},\"merchantId\":\"M-PAGES\",\"mcc\":\"5411\","
                + "\"terminalId\":\"T-PAGES\",\"merchantCountry\":\"JP\",\"posEntryMode\":\"07\",\"cardPresent\":true,"
                + "\"merchantName\":\"AOZORA MART SHIBUYA JP\",\"timestamp\":\"" + Instant.now() + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/authorizations"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }
}
