package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A URL the container cannot parse ({@code %00}, an invalid percent-encoding, invalid UTF-8, an
 * encoded path that climbs out) is refused by Tomcat before any of Anshin runs. The answer is still
 * ours ({@link ContainerErrorReport}): a 400 problem of type {@code malformed-url} under
 * {@code /api/}, a short plain text elsewhere; never Tomcat's HTML page with its name. Over a raw
 * socket, since neither MockMvc nor an HTTP client library sends such a URL as it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class MalformedUrlIntegrationTest {

    private static final String[] MALFORMED = {"%C0%AE", "%00", "a%00b", "%zz", "%", "%E3%81", "%FF%FE",
            "..%2F..%2Fetc%2Fpasswd"};

    @LocalServerPort
    int port;

    /** Sends one request line over a plain socket; returns what came back, head and body. */
    private String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMalformedApiUrlIsA400Problem() throws Exception {
        for (String bad : MALFORMED) {
            String answer = raw("GET /api/v1/" + bad + " HTTP/1.1");
            assertThat(answer).as(bad).startsWith("HTTP/1.1 400");
            assertThat(answer).as(bad).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).as(bad).contains("\"type\":\"https://anshin.dev/problems/malformed-url\"")
                    .contains("\"status\":400");
            assertThat(answer).as(bad).doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
        }
        // A key in the path does not make it anything else.
        assertThat(raw("POST /api/v1/cards/%00/block HTTP/1.1")).startsWith("HTTP/1.1 400")
                .contains("https://anshin.dev/problems/malformed-url");
    }

    @Test
    void aMalformedPageUrlIsAPlain400() throws Exception {
        for (String path : new String[] {"/portal/", "/console/", "/", "/login/"}) {
            for (String bad : MALFORMED) {
                String answer = raw("GET " + path + bad + " HTTP/1.1");
                assertThat(answer).as(path + bad).startsWith("HTTP/1.1 400");
                assertThat(answer).as(path + bad).containsIgnoringCase("Content-Type: text/plain")
                        .contains("The request could not be read.");
                assertThat(answer).as(path + bad).doesNotContainIgnoringCase("tomcat").doesNotContain("<html")
                        .doesNotContain(bad);
            }
        }
    }

    @Test
    void whatTheApplicationAnswersItselfIsLeftAlone() throws Exception {
        String api = raw("GET /api/v1/no-such-thing HTTP/1.1");
        assertThat(api).startsWith("HTTP/1.1 401").contains("https://anshin.dev/problems/unauthenticated");
        String page = raw("GET /portal/login HTTP/1.1");
        assertThat(page).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/html");
    }
}
