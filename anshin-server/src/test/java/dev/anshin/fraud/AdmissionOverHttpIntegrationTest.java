package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.demo.DemoTraffic;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admission stage over real HTTP (what MockMvc cannot show: a body still on its way, and what
 * Tomcat does with the connection after a refusal). Runs in the browser tests' context (same
 * settings, so it is shared). The authorizations name a card the server does not know, so one that
 * gets past admission is answered 422 {@code unknown-card}, and one refused there 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class AdmissionOverHttpIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Admission admission;

    private String key() {
        return clients.register("admission-http-" + System.nanoTime(), EnumSet.of(Role.SCORER));
    }

    private static String body(String id) {
        return DemoTraffic.authorizationJson(id, 987_654, "T1", 1_000, Instant.now());
    }

    private static String head(String key, int length) {
        return "POST /api/v1/authorizations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + key
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    /** Reads one response (head and a Content-Length or chunked body); returns the head. */
    private static String response(InputStream in) throws IOException {
        String head = until(in, "\r\n\r\n");
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        } else if (lower.contains("transfer-encoding: chunked")) {
            for (int size = Integer.parseInt(until(in, "\r\n").trim(), 16); size > 0;
                    size = Integer.parseInt(until(in, "\r\n").trim(), 16)) {
                in.readNBytes(size + 2);
            }
            until(in, "\r\n");
        }
        return head;
    }

    private static String until(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after: " + read.toString(StandardCharsets.US_ASCII));
            }
            read.write(c);
        }
        String text = read.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - end.length());
    }

    private static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    @Test
    void aClientSendingItsBodySlowlyHoldsNoScoringSlot() throws Exception {
        String key = key();
        List<Admission.Slot> held = new ArrayList<>();
        try (Socket slow = new Socket("127.0.0.1", port); Socket other = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(30_000);
            other.setSoTimeout(30_000);
            // Every slot but one taken.
            for (int i = 1; i < admission.maxConcurrent(); i++) {
                held.add(admission.admit(System.nanoTime()));
            }
            byte[] slowBody = body("slow-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            OutputStream slowOut = slow.getOutputStream();
            slowOut.write(head(key, slowBody.length).getBytes(StandardCharsets.US_ASCII));
            slowOut.write(slowBody, 0, slowBody.length / 2);
            slowOut.flush();
            // Time for the server to take up the slow request; were it admitted before its body is
            // read, it would hold the last slot now, and the next authorization would be refused.
            Thread.sleep(500);

            byte[] otherBody = body("other-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            other.getOutputStream().write(head(key, otherBody.length).getBytes(StandardCharsets.US_ASCII));
            other.getOutputStream().write(otherBody);
            other.getOutputStream().flush();
            String answer = response(new BufferedInputStream(other.getInputStream()));
            assertThat(status(answer)).as(answer).isEqualTo(422);
            assertThat(admission.inFlight()).as("slots held while a body is on its way")
                    .isEqualTo(admission.maxConcurrent() - 1);

            held.forEach(Admission.Slot::close);
            held.clear();
            slowOut.write(slowBody, slowBody.length / 2, slowBody.length - slowBody.length / 2);
            slowOut.flush();
            assertThat(status(response(new BufferedInputStream(slow.getInputStream())))).isEqualTo(422);
        } finally {
            held.forEach(Admission.Slot::close);
        }
        assertThat(admission.inFlight()).isZero();
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void aShedAuthorizationIsAnswered429AndTheConnectionIsKept() throws Exception {
        String key = key();
        List<Admission.Slot> held = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < admission.maxConcurrent(); i++) {
                held.add(admission.admit(System.nanoTime()));
            }
            byte[] shed = body("shed-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            out.write(head(key, shed.length).getBytes(StandardCharsets.US_ASCII));
            out.write(shed);
            out.flush();
            long sent = System.nanoTime();
            String refused = response(in);
            long answeredAfter = System.nanoTime() - sent;
            assertThat(status(refused)).as(refused).isEqualTo(429);
            // Answered when its deadline (250 ms) had passed, not at once (HeldRefusals): a client
            // retrying at once costs the server one request per deadline.
            assertThat(answeredAfter).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
            assertThat(refused).containsIgnoringCase("Retry-After: 1").doesNotContainIgnoringCase("Connection: close");

            held.forEach(Admission.Slot::close);
            held.clear();
            // The same connection takes the retry.
            out.write(head(key, shed.length).getBytes(StandardCharsets.US_ASCII));
            out.write(shed);
            out.flush();
            assertThat(status(response(in))).isEqualTo(422);
        } finally {
            held.forEach(Admission.Slot::close);
        }
    }
}
