package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint that takes a request (POST, PUT, PATCH, DELETE) answers a body that is not JSON
 * (a form, a multipart form, plain text, no type at all) with 415 {@code unsupported-media-type},
 * over real HTTP (Tomcat reads form bodies itself; MockMvc does not) and with a key that holds every
 * role, so no door answers first. The endpoints are taken from the application's own mappings: one
 * added later is covered without being listed here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class ApiMediaTypeIntegrationTest {

    private static final String BOUNDARY = "----anshin";

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Method and path of every API endpoint that changes something, path variables filled in. */
    private List<String[]> writingEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS) {
                        endpoints.add(method.name() + " " + pattern.replaceAll("\\{[^}]+}", "x1"));
                    }
                }
            }
        }
        List<String[]> result = new ArrayList<>();
        endpoints.forEach(endpoint -> result.add(endpoint.split(" ", 2)));
        assertThat(result).as("the API's writing endpoints").hasSizeGreaterThan(10);
        return result;
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemAtEveryEndpoint() throws Exception {
        String key = clients.register("media-type-test-" + System.nanoTime(),
                EnumSet.complementOf(EnumSet.of(Role.CARDHOLDER)));
        String multipart = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--\r\n";
        String[][] bodies = {
                {"application/x-www-form-urlencoded", "name=x&roles=ADMIN&customerNumber=N-1"},
                {"application/x-www-form-urlencoded; charset=UTF-8", "a=%E3%81%82"},
                // Malformed forms: the container cannot parse them, and a filter that asked for them answered 500.
                {"application/x-www-form-urlencoded", "a=%ZZ&b=%C0%AE&c=%"},
                {"application/x-www-form-urlencoded", "p=1&".repeat(5_000)},
                {"multipart/form-data; boundary=" + BOUNDARY, multipart},
                {"text/plain", "{\"name\":\"x\"}"},
                {"application/xml", "<a/>"},
                {null, "{\"name\":\"x\"}"}};
        String masterKey = get("/api/v1/privacy/master-key", key).body();
        List<String> wrong = new ArrayList<>();
        for (String[] endpoint : writingEndpoints()) {
            for (String[] body : bodies) {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + endpoint[1]))
                        .timeout(Duration.ofSeconds(30)).header("X-Api-Key", key)
                        .method(endpoint[0], HttpRequest.BodyPublishers.ofString(body[1]));
                if (body[0] != null) {
                    request.header("Content-Type", body[0]);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 415 || !type.startsWith("application/problem+json")
                        || !response.body().contains("https://anshin.dev/problems/unsupported-media-type")) {
                    wrong.add(endpoint[0] + " " + endpoint[1] + " as " + body[0] + ": " + response.statusCode()
                            + " " + type + " " + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
        }
        assertThat(wrong).isEmpty();
        // Nothing was done: the endpoints that take no body (rotating the master key among them) were not reached.
        assertThat(get("/api/v1/privacy/master-key", key).body()).isEqualTo(masterKey);
    }

    @Test
    void aJsonBodyOrNoBodyGoesOnToTheEndpoint() throws Exception {
        String key = clients.register("media-type-test-" + System.nanoTime(), EnumSet.of(Role.ADMIN));
        for (String type : new String[] {"application/json", "application/json; charset=UTF-8",
                "application/merge-patch+json"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/api-clients")).header("X-Api-Key", key).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"roles\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Read and refused by the endpoint itself: no roles.
            assertThat(response.statusCode()).as(type).isEqualTo(422);
            assertThat(response.body()).as(type).contains("roles");
        }
        assertThat(get("/api/v1/api-clients", key).statusCode()).isEqualTo(200);
    }

    /**
     * Pages take forms, by POST only; a PUT, PATCH or DELETE with a form body (which Spring's form
     * content filter used to parse, before security, failing on a malformed one) is refused as any
     * other request the page does not take, never a 500.
     */
    @Test
    void aFormSentToAPageWithAnotherMethodIsNeverAServerError() throws Exception {
        for (String page : new String[] {"/portal/login", "/login", "/console/disputes", "/privacy/requests"}) {
            for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
                for (String form : new String[] {"a=%ZZ&b=%C0%AE&c=%", "loginId=x&password=y", "p=1&".repeat(5_000)}) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + page)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .method(method, HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(method + " " + page + " " + form.substring(0, 10))
                            .isBetween(300, 499);
                }
            }
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Api-Key", key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
