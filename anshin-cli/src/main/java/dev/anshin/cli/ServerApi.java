package dev.anshin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A running server's HTTP API for the administrative commands ({@code keys}, {@code privacy
 * master-key}): one JSON request at a time, with the API key in {@code X-Api-Key}.
 */
final class ServerApi {

    /** A status and the body read as JSON (empty when there was none). */
    record Answer(int status, JsonNode body) {

        /**
         * The problem's detail and each field it names ({@code errors[]}: "field: message", one a
         * line), or the body, to tell the user why a request was refused.
         */
        String reason() {
            StringBuilder reason = new StringBuilder(body.path("detail").asText(body.toString()));
            for (JsonNode error : body.path("errors")) {
                String field = error.path("field").asText("");
                reason.append(System.lineSeparator()).append("  ")
                        .append(field.isEmpty() ? "" : field + ": ").append(error.path("message").asText());
            }
            return reason.toString();
        }
    }

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code http} checks an https server's certificate ({@link ServerTrust#httpClient}). */
    ServerApi(URI base, String apiKey, HttpClient http) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = http;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** POSTs the body as JSON (none when null). */
    Answer post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", apiKey).timeout(Duration.ofMinutes(1));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }
}
