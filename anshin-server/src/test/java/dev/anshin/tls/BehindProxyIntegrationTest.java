package dev.anshin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain HTTP behind a TLS-terminating proxy ({@code --no-tls} with forwarded headers trusted). The
 * proxy here is whatever connects from 127.0.0.2, the one address configured as trusted: its
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto: https} make the request the client's, over
 * HTTPS (HSTS sent, session cookie Secure). The same headers from anyone else (127.0.0.1) change
 * nothing. Without {@code server.forward-headers-strategy} no one is trusted: that is every other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=false",
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.2",
        "anshin.data-dir=./target/proxy-test-data",
        "anshin.postgres.database=anshin_test"})
class BehindProxyIntegrationTest {

    private static final String PROXY = "127.0.0.2";
    private static final String STRANGER = "127.0.0.1";
    private static final String CLIENT = "203.0.113.9";

    /** What the application sees of a request: a window on it for this test only, behind an API key like any other. */
    @TestConfiguration
    static class RequestEcho {
        @Bean
        Echo requestEcho() {
            return new Echo();
        }
    }

    @RestController
    static class Echo {
        @GetMapping("/api/v1/test-request-echo")
        Map<String, Object> echo(HttpServletRequest request) {
            return Map.of("remoteAddress", request.getRemoteAddr(), "scheme", request.getScheme(),
                    "secure", request.isSecure());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    /** Without TLS and without server.address the server listens on 127.0.0.1 alone, not on every address. */
    @Test
    void listensOnTheLoopbackAddressOnly() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
        try (Socket socket = new Socket()) {
            assertThat(connects(socket, "127.0.0.2")).as("listening on another address than 127.0.0.1").isFalse();
        }
    }

    @Test
    void theTrustedProxysForwardedHeadersMakeTheRequestTheClientsOverHttps() throws Exception {
        String key = clients.register("proxy-test", EnumSet.of(Role.ANALYST));

        String echo = get(PROXY, "/api/v1/test-request-echo", key);
        String login = get(PROXY, "/login", null);

        assertThat(echo).contains("\"remoteAddress\":\"" + CLIENT + "\"", "\"scheme\":\"https\"", "\"secure\":true");
        assertThat(header(login, "Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(header(login, "Set-Cookie")).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax");
    }

    @Test
    void theSameHeadersFromAnyoneElseChangeNothing() throws Exception {
        String key = clients.register("proxy-test-stranger", EnumSet.of(Role.ANALYST));

        String echo = get(STRANGER, "/api/v1/test-request-echo", key);
        String login = get(STRANGER, "/login", null);

        assertThat(echo).contains("\"remoteAddress\":\"" + STRANGER + "\"", "\"scheme\":\"http\"", "\"secure\":false");
        assertThat(header(login, "Strict-Transport-Security")).isNull();
        assertThat(header(login, "Set-Cookie")).doesNotContain("Secure").contains("; HttpOnly").contains("; SameSite=Lax");
    }

    /** One HTTP/1.1 request from {@code from}, as a proxy sends it; the whole response as text. */
    private String get(String from, String path, String apiKey) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: anshin.example.jp\r\n"
                    + "X-Forwarded-For: " + CLIENT + "\r\nX-Forwarded-Proto: https\r\n"
                    + (apiKey == null ? "" : "X-Api-Key: " + apiKey + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                return null;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private boolean connects(Socket socket, String address) {
        try {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
