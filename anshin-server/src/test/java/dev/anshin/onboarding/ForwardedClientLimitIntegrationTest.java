package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.MovableClock;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Behind a reverse proxy with {@code server.forward-headers-strategy=native}, from a proxy address Tomcat trusts
 * (the loopback here), the applications' start limit counts each forwarded client on its own: one client out of
 * starts does not hold up the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/forwarded-test-data",
        "anshin.postgres.database=anshin_test",
        "server.forward-headers-strategy=native",
        "anshin.onboarding.starts-per-address=2/h burst 2"})
@Import(MovableClock.class)
class ForwardedClientLimitIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private int start(HttpClient http, String client) throws Exception {
        URI apply = URI.create("http://localhost:" + port + "/apply");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(apply).header("X-Forwarded-For", client).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        return http.send(HttpRequest.newBuilder(apply).header("X-Forwarded-For", client)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1),
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void eachForwardedClientHasItsOwnBudgetOfStarts() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(start(http, "203.0.113.10")).isEqualTo(302);
        assertThat(start(http, "203.0.113.10")).isEqualTo(302);
        assertThat(start(http, "203.0.113.10")).isEqualTo(429);
        // Another client behind the same proxy still starts.
        assertThat(start(http, "203.0.113.11")).isEqualTo(302);
    }
}
