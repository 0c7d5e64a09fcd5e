package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.ChildServer;
import dev.anshin.demo.DemoCards;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision log on a real file system that fills up: a small tmpfs mounted for the test (needs
 * root and a working {@code mount}; skipped with a notice otherwise; the always-running unit test of
 * the same write path is {@code DecisionLogDiskFullTest}). While full, authorizations are refused
 * with 503 and never acknowledged, and the health says DOWN with the reason; once space returns,
 * scoring goes on by itself; after a kill and a restart every acknowledged decision is there and
 * the log reads back whole.
 */
class DiskFullIntegrationTest {

    private static final String API_KEY = "disk-full-test-key-0123456789abcdef";
    private static final Pattern DECISION = Pattern.compile("\"decision\":\"(\\w+)\"");

    @TempDir
    Path dataDir;

    private Path mount;
    private ChildServer server;

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void refusesWhatItCannotWriteSaysWhyAndRecoversWithoutLosingAnAcknowledgedDecision() throws Exception {
        mount = Files.createDirectories(dataDir.resolve("small-disk"));
        if (!"root".equals(System.getProperty("user.name")) || run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                mount.toString()) != 0) {
            mount = null;
            System.out.println("NOTICE: DiskFullIntegrationTest skipped: cannot mount a tmpfs here (needs root)");
            Assumptions.abort("cannot mount a tmpfs");
        }
        List<String> arguments = List.of(
                "--anshin.fraud.decision-log.directory=" + mount.resolve("decision-log"),
                "--anshin.fraud.decision-log.segment-size=256KB",
                "--anshin.fraud.decision-log.min-free-space=64KB");
        server = ChildServer.start(dataDir, "first", API_KEY, arguments);
        assertThat(server.post("/api/v1/cards", "{\"pan\":\"" + DemoCards.pan(1) + "\"}").statusCode()).isIn(200, 201);
        Map<String, String> acknowledged = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            score("before-" + i, acknowledged);
        }

        Path ballast = mount.resolve("ballast");
        fill(ballast);
        int refused = 0;
        int acknowledgedWhileFull = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = server.post("/api/v1/authorizations", authorization("full-" + i));
            if (answer.statusCode() == 200) {
                acknowledgedWhileFull++; // fit in what the ballast left; must still be kept
                acknowledged.put("full-" + i, decisionOf(answer.body()));
            } else {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).contains("https://anshin.dev/problems/unavailable");
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                refused++;
            }
        }
        HttpResponse<String> readiness = server.get("/actuator/health/readiness", null);
        assertThat(refused).as("refused while the disk is full").isGreaterThan(0);
        assertThat(acknowledgedWhileFull).isLessThan(30);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("DOWN");

        Files.delete(ballast); // space returns
        // Refused for a second after the last failed append, then the log is tried again: one probe
        // after another until one is acknowledged (a refused probe is neither scored nor stored).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int probe = 0; ; probe++) {
            HttpResponse<String> answer = server.post("/api/v1/authorizations", authorization("probe-" + probe));
            if (answer.statusCode() == 200) {
                acknowledged.put("probe-" + probe, decisionOf(answer.body()));
                break;
            }
            assertThat(answer.statusCode()).as("probe %d: %s", probe, answer.body()).isEqualTo(503);
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("scoring did not resume within a minute of space returning");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        for (int i = 0; i < 20; i++) {
            score("after-" + i, acknowledged);
        }
        assertThat(server.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

        server.kill();
        server = ChildServer.start(dataDir, "second", API_KEY, arguments);
        for (Map.Entry<String, String> decision : acknowledged.entrySet()) {
            HttpResponse<String> stored = server.get("/api/v1/authorizations/" + decision.getKey());
            assertThat(stored.statusCode()).as("decision %s after the restart", decision.getKey()).isEqualTo(200);
            assertThat(decisionOf(stored.body())).isEqualTo(decision.getValue());
        }
    }

    private void score(String id, Map<String, String> acknowledged) throws IOException, InterruptedException {
        HttpResponse<String> answer = server.post("/api/v1/authorizations", authorization(id));
        assertThat(answer.statusCode()).as("%s: %s", id, answer.body()).isEqualTo(200);
        acknowledged.put(id, decisionOf(answer.body()));
    }

    /** Writes until the file system refuses. */
    private static void fill(Path ballast) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on device: what we wanted
        }
    }

    private static String decisionOf(String body) {
        Matcher m = DECISION.matcher(body);
        assertThat(m.find()).as("decision in %s", body).isTrue();
        return m.group(1);
    }

    private static String authorization(String id) {
        return "{\"authorizationId\":\"" + id + "\",\"card\":{\"pan\":\"" + DemoCards.pan(1) + "\"},"
                + "\"amount\":{\"minor\":" + (150 + Math.abs(id.hashCode() % 50)) + ",\"currency\":\"JPY\"},"
                + "\"merchantId\":\"M1\",\"mcc\":\"5411\",\"terminalId\":\"T1\",\"merchantCountry\":\"JP\","
                + "\"posEntryMode\":\"05\",\"cardPresent\":true,\"timestamp\":\"" + Instant.now() + "\"}";
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
