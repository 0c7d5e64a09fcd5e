package dev.anshin.cli;

import static dev.anshin.cli.StandInServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The client side of {@code anshin privacy master-key} against a stand-in for the server's API (the
 * server side is tested in the server's MasterKeyRotationIntegrationTest): the right requests with
 * the key, the re-wrap followed to its end, a refusal reported with the server's reason.
 */
class MasterKeyCommandTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger remaining = new AtomicInteger(3);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/privacy/master-key", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Api-Key"));
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/retirement")) {
                respond(exchange, 409, "{\"type\":\"https://anshin.dev/problems/conflict\",\"detail\":\"Customer keys "
                        + "are still wrapped by an old master key\"}");
                return;
            }
            int left = path.endsWith("/rotation") ? remaining.get() : Math.max(0, remaining.decrementAndGet());
            respond(exchange, 200, "{\"primaryKeyId\":42,\"keyIds\":[7,42],\"customerKeysByMasterKey\":{\"7\":" + left
                    + ",\"42\":" + (3 - left) + "},\"rewrapping\":" + (left > 0) + ",\"rewrapped\":" + (3 - left)
                    + ",\"remaining\":" + left + "}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String key, String... args) {
        MasterKeyCommand command = new MasterKeyCommand();
        command.environment = name -> "ANSHIN_API_KEY".equals(name) ? key : null;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.pollEvery = Duration.ofMillis(10);
        return new CommandLine(command).execute(args);
    }

    private String url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()).toString();
    }

    @Test
    void rotateFollowsTheRewrapToItsEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "ak_officer", "rotate", "--wait", "--url", url())).isEqualTo(MasterKeyCommand.DONE);
        assertThat(requests.get(0)).isEqualTo("POST /api/v1/privacy/master-key/rotation ak_officer");
        assertThat(requests.subList(1, requests.size())).allMatch(r -> r.equals("GET /api/v1/privacy/master-key ak_officer"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("primary key 42").contains("remaining 0");
    }

    @Test
    void aRefusalIsReportedWithTheServersReason() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "ak_officer", "retire", "--url", url())).isEqualTo(MasterKeyCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (409)").contains("still wrapped by an old master key");
    }

    @Test
    void withoutAKeyOrAServerItSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err, null, "status", "--url", url()))
                .isEqualTo(MasterKeyCommand.CANNOT_REACH);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ANSHIN_API_KEY");
        server.stop(0);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err2, "ak", "status", "--url", url()))
                .isEqualTo(MasterKeyCommand.CANNOT_REACH);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("cannot reach");
    }
}
