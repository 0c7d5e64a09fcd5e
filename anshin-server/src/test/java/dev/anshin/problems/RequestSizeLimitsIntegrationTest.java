package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of request size is limited, over real HTTP (the container's own limits cannot be seen
 * through MockMvc): API bodies (declared or chunked) get a 413 problem, page form posts a clean 413
 * page, a too long URL 414, too large headers the container's 400 — never a 500. Runs in the browser
 * tests' context (same settings, so it is shared).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class RequestSizeLimitsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    /** Sends one request line (no body) over a plain socket; returns what came back. */
    private String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A body of that size sent chunked: no length declared up front. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String jsonOfSize(int bytes) {
        return "{\"authorizationId\":\"" + "a".repeat(bytes) + "\"}";
    }

    private static String formOfSize(int bytes) {
        return "loginId=someone&password=" + "p".repeat(bytes);
    }

    @Test
    void anApiBodyOverTheLimitIsA413ProblemWhetherDeclaredOrChunked() throws Exception {
        String key = clients.register("size-test-" + System.nanoTime(), EnumSet.of(Role.SCORER));
        for (HttpRequest.BodyPublisher body : new HttpRequest.BodyPublisher[] {
                HttpRequest.BodyPublishers.ofString(jsonOfSize(100_000)), chunked(jsonOfSize(100_000))}) {
            HttpResponse<String> response = send(request("/api/v1/authorizations").header("X-Api-Key", key)
                    .header("Content-Type", "application/json").POST(body));
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("https://anshin.dev/problems/payload-too-large");
        }
    }

    @Test
    void aPageFormPostOverTheLimitIsRefusedWithAPlainPageWhetherDeclaredOrChunked() throws Exception {
        for (String page : new String[] {"/portal/login", "/login", "/console/disputes/x/actions",
                "/privacy/requests"}) {
            for (HttpRequest.BodyPublisher body : new HttpRequest.BodyPublisher[] {
                    HttpRequest.BodyPublishers.ofString(formOfSize(100_000)), chunked(formOfSize(100_000))}) {
                HttpResponse<String> response = send(request(page)
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(body));
                assertThat(response.statusCode()).as(page).isEqualTo(413);
                assertThat(response.body()).as(page).contains("What was sent is too large.");
            }
        }
        // Below the limit, the form goes on to the page as before (here: no CSRF token, so 403).
        HttpResponse<String> small = send(request("/portal/login")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(chunked(formOfSize(1_000))));
        assertThat(small.statusCode()).isEqualTo(403);
    }

    /** The limit reads forms before the pages do: it must read them as UTF-8, as the pages would. */
    @Test
    void aFormReadByTheLimitKeepsItsJapanese() throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build();
        String page = browser.send(request("/portal/activate").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "_csrf=" + csrf.group(1) + "&activationCode=WRONG-CODE&loginId="
                + URLEncoder.encode("山田花子", StandardCharsets.UTF_8) + "&password=x&passwordAgain=x";
        HttpResponse<String> answer = browser.send(request("/portal/activate")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("value=\"山田花子\"");
    }

    @Test
    void aMultipartPostIsNotParsedAndNeverAServerError() throws Exception {
        String boundary = "----anshin";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"loginId\"\r\n\r\nsomeone\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(30_000) + "\r\n--" + boundary + "--\r\n";
        for (String page : new String[] {"/portal/login", "/login"}) {
            HttpResponse<String> response = send(request(page)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(page).isBetween(400, 499);
        }
    }

    @Test
    void aTooLongUrlIsA414ProblemForTheApiAndAPlainPageElsewhere() throws Exception {
        HttpResponse<String> api = send(request("/api/v1/ping?q=" + "x".repeat(3_000)).GET());
        assertThat(api.statusCode()).isEqualTo(414);
        assertThat(api.body()).contains("https://anshin.dev/problems/uri-too-long");
        HttpResponse<String> page = send(request("/portal/login?q=" + "x".repeat(3_000)).GET());
        assertThat(page.statusCode()).isEqualTo(414);
        assertThat(page.body()).contains("The URL is too long.");
        // Far longer: the container refuses it with the headers, before any of Anshin runs.
        HttpResponse<String> huge = send(request("/api/v1/ping?q=" + "x".repeat(20_000)).GET());
        assertThat(huge.statusCode()).isEqualTo(400);
    }

    @Test
    void aQueryOrFormTheContainerCannotReadIsA400NotAServerError() throws Exception {
        // (java.net.URI refuses to send a malformed escape: written by hand)
        assertThat(raw("GET /portal/login?lang=%zz HTTP/1.1")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/v1/ping?q=%zz HTTP/1.1")).startsWith("HTTP/1.1 400")
                .contains("https://anshin.dev/problems/malformed-request");
        HttpResponse<String> form = send(request("/portal/login")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(chunked("loginId=%zz&password=x")));
        assertThat(form.statusCode()).isBetween(400, 403);
        HttpResponse<String> many = send(request("/portal/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&".repeat(5_000))));
        assertThat(many.statusCode()).as("more parameters than the container reads").isBetween(400, 413);
    }

    @Test
    void headersOverTheLimitAreRefusedByTheContainerNotAServerError() throws Exception {
        HttpResponse<String> response = send(request("/portal/login").header("X-Padding", "x".repeat(20_000)).GET());
        assertThat(response.statusCode()).isEqualTo(400);
        HttpResponse<String> fine = send(request("/portal/login").header("X-Padding", "x".repeat(2_000)).GET());
        assertThat(fine.statusCode()).isEqualTo(200);
    }
}
