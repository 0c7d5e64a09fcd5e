package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.demo.DemoCards;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real server in a child JVM, kills it with SIGKILL while authorizations are in flight,
 * restarts it on the same database, and checks that every decision acknowledged before the kill is
 * there, unchanged, and that a retry of it returns the same decision instead of scoring again.
 */
class CrashRecoveryIntegrationTest {

    private static final String API_KEY = "crash-test-key-0123456789abcdef";
    private static final Pattern DECISION = Pattern.compile("\"decision\":\"(\\w+)\".*?\"score\":([0-9.eE-]+|null)");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void everyAcknowledgedDecisionSurvivesKillMinusNine() throws Exception {
        int port = freePort();
        server = start(port, "first");
        post(port, "/api/v1/cards", "{\"pan\":\"" + DemoCards.pan(1) + "\"}");

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> bodies = new ConcurrentHashMap<>();
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread sender = new Thread(() -> {
                while (true) {
                    String id = "crash-" + sequence.incrementAndGet();
                    String body = authorization(id);
                    try {
                        HttpResponse<String> response = post(port, "/api/v1/authorizations", body);
                        if (response.statusCode() == 200) {
                            acknowledged.put(id, decisionOf(response.body()));
                            bodies.put(id, body);
                        }
                    } catch (IOException | InterruptedException e) {
                        return; // the server is gone
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
        server.waitFor();
        for (Thread sender : senders) {
            sender.join();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        server = start(port, "second");
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/authorizations/" + entry.getKey()))
                    .header("X-Api-Key", API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as("decision %s after restart", entry.getKey()).isEqualTo(200);
            assertThat(decisionOf(stored.body())).isEqualTo(entry.getValue());
        }
        String someId = acknowledged.keySet().iterator().next();
        HttpResponse<String> retry = post(port, "/api/v1/authorizations", bodies.get(someId));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(decisionOf(retry.body())).isEqualTo(acknowledged.get(someId));
    }

    private Process start(int port, String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.anshin.AnshinApplication",
                "--server.port=" + port,
                "--anshin.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        String profiles = System.getProperty("spring.profiles.active");
        if (profiles != null) {
            command.add("--spring.profiles.active=" + profiles);
            command.add("--anshin.postgres.database=anshin_test");
            // A database of its own, when the test run was given one (-Dspring.datasource.url=...).
            String url = System.getProperty("spring.datasource.url");
            if (url != null) {
                command.add("--spring.datasource.url=" + url);
            }
            // The shared test database holds what other tests encrypted and sealed with the keys in the
            // tests' data directory; a server with fresh keys against it is a lost key, which the
            // vaults rightly refuse to start with. This server is the same deployment: same keys.
            command.add("--anshin.keys-dir=" + Path.of("target", "test-data").toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + name + ".log").toFile());
        builder.environment().put("ANSHIN_API_KEY", API_KEY);
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(dataDir.resolve("server-" + name + ".log")));
            }
            try {
                HttpResponse<String> ping = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/ping")).header("X-Api-Key", API_KEY)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ping.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start within 120 s");
    }

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Api-Key", API_KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorization(String id) {
        return "{\"authorizationId\":\"" + id + "\",\"card\":{\"pan\":\"" + DemoCards.pan(1) + "\"},"
                + "\"amount\":{\"minor\":" + (100 + id.hashCode() % 50 + 50) + ",\"currency\":\"JPY\"},"
                + "\"merchantId\":\"M1\",\"mcc\":\"5411\",\"terminalId\":\"T1\",\"merchantCountry\":\"JP\","
                + "\"posEntryMode\":\"05\",\"cardPresent\":true,\"timestamp\":\"" + Instant.now() + "\"}";
    }

    private static String decisionOf(String body) {
        Matcher m = DECISION.matcher(body);
        assertThat(m.find()).as("decision in %s", body).isTrue();
        return m.group(1) + "/" + m.group(2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
