package dev.anshin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.keys.OwnerOnlyFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server as a production start runs it: HTTPS on a real port with the self-signed certificate
 * it made itself in a fresh data directory (tests otherwise run on plain HTTP). Only TLS 1.2 and
 * 1.3 with strong suites; HSTS and the security headers on pages and API; the session cookie
 * Secure, HttpOnly and Lax; everything on disk owner-only; /error asked for directly is not found,
 * while a real error still renders with its status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=true",
        "anshin.postgres.database=anshin_test",
        "anshin.tls.host-names=anshin.test"})
class TlsIntegrationTest {

    /** A data directory the server has to make itself, so that what it makes is what is checked. */
    private static final Path DATA = Path.of("target", "tls-test-" + System.nanoTime(), "data").toAbsolutePath();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("anshin.data-dir", DATA::toString);
        registry.add("anshin.tls.certificate-file", () -> DATA.resolve("tls-certificate.pem").toString());
        registry.add("anshin.tls.private-key-file", () -> DATA.resolve("tls-private-key.pem").toString());
    }

    @LocalServerPort
    int port;

    private Path certificate() {
        return DATA.resolve("tls-certificate.pem");
    }

    private TlsTestClient client() throws Exception {
        return new TlsTestClient(certificate());
    }

    private URI url(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    @Test
    void speaksTls13AndTls12WithStrongSuitesOnly() throws Exception {
        SSLSession tls13 = client().handshake("localhost", port, "TLSv1.3", null);
        SSLSession tls12 = client().handshake("localhost", port, "TLSv1.2", null);

        assertThat(tls13.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(tls12.getProtocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_").containsAnyOf("_GCM_", "_CHACHA20_");
        // CBC and non-forward-secret suites, which the JDK would still offer, are refused.
        for (String weak : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")) {
            assertThatThrownBy(() -> client().handshake("localhost", port, "TLSv1.2", weak))
                    .as(weak).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void refusesTls11AndTls10() throws Exception {
        for (String old : List.of("TLSv1.1", "TLSv1")) {
            String answer = LegacyTlsClient.offer("localhost", port, certificate(), old, DATA.getParent());
            assertThat(answer).as(old).endsWith("refused: Received fatal alert: protocol_version");
        }
    }

    @Test
    void presentsTheSelfSignedCertificateItMadeForItsNames() throws Exception {
        SSLSession session = client().handshake("localhost", port, "TLSv1.3", null);
        X509Certificate presented = (X509Certificate) session.getPeerCertificates()[0];

        assertThat(presented).isEqualTo(SelfSignedCertificate.load(certificate(), DATA.resolve("tls-private-key.pem"))
                .certificate());
        assertThat(SelfSignedCertificate.subjectAlternativeNames(presented))
                .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "anshin.test");
        assertThat(client().handshake("127.0.0.1", port, "TLSv1.3", null).getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String page : List.of("/login", "/portal/login")) {
            HttpResponse<String> response = client().get(url(page));
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page)
                    .hasValue("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
            assertCommonHeaders(response, page);
        }
        HttpResponse<String> api = client().get(url("/api/v1/ping"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        assertCommonHeaders(api, "/api/v1/ping");
    }

    /** HSTS for the server's name; not for localhost, where it would outlive this server and break the plain-HTTP demo. */
    @Test
    void hstsIsSentForTheServersNameButNotForLocalhost() throws Exception {
        for (String path : List.of("/login", "/portal/login", "/api/v1/ping")) {
            String named = client().get("127.0.0.1", port, "anshin.test", path);
            assertThat(named).as(path).containsIgnoringCase("Strict-Transport-Security: max-age=31536000 ; includeSubDomains");
            assertThat(client().get(url(path)).headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
    }

    private static void assertCommonHeaders(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).as(what).get().asString().contains("no-store");
    }

    @Test
    void sessionCookiesAreSecureHttpOnlyAndSameSiteLax() throws Exception {
        for (String page : List.of("/login", "/portal/login")) {
            List<String> cookies = client().get(url(page)).headers().allValues("Set-Cookie");
            assertThat(cookies).as(page).anySatisfy(cookie -> assertThat(cookie)
                    .startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax"));
        }
    }

    @Test
    void keepsEverythingItStoresOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(DATA)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(DATA.resolve("decision-log"))).isEqualTo(OwnerOnlyFiles.DIRECTORY);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DATA)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names).contains("tls-certificate.pem", "tls-private-key.pem").anyMatch(n -> n.startsWith("decisions-"));
        if (!"postgres".equals(System.getProperty("spring.profiles.active"))) {
            assertThat(names).as("the embedded database").contains("anshin.mv.db");
        }
        assertThat(files).allSatisfy(file ->
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(OwnerOnlyFiles.FILE));
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFoundWhileRealErrorsRenderWithTheirStatus() throws Exception {
        HttpResponse<String> direct = client().get(url("/error"));
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(direct.body()).contains("https://anshin.dev/problems/not-found");

        // A sign-in without its CSRF token is refused by Spring Security through the container's error page.
        HttpResponse<String> refused = client().send(HttpRequest.newBuilder(url("/login"))
                .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=analyst&password=x")).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"status\":403");
        assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
    }
}
