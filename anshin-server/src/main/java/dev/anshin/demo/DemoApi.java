package dev.anshin.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's simulated staff and partners calling the public API with their own key, as their systems
 * would: a JSON body in, the status and the body out. A failure to connect is an answer too (status 0),
 * so a round of simulated people goes on and the next round tries again.
 */
final class DemoApi {

    /** An answer: the HTTP status (0 when there was none) and the body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    DemoApi(URI base) {
        this.base = base;
    }

    Answer get(String path, String key) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", key).GET());
    }

    Answer post(String path, String key, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String key, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", key)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
