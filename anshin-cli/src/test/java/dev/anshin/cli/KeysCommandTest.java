package dev.anshin.cli;

import static dev.anshin.cli.StandInServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The client side of {@code anshin keys} against a stand-in for the server's API (the server side is
 * tested in the server's ApiKeyLifecycleIntegrationTest): the right requests with the admin key and
 * the options given, a new key printed once, a refusal reported with the server's reason.
 */
class KeysCommandTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/api-clients", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Api-Key") + " " + body);
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 200, "[{\"keyId\":\"ank_Ab3dE6gH\",\"name\":\"issuer-1\",\"roles\":[\"SCORER\"],"
                        + "\"createdAt\":\"2026-11-25T09:30:00.123Z\",\"expiresAt\":\"2027-02-23T09:30:00.123Z\","
                        + "\"lastUsedAt\":null,\"status\":\"ACTIVE\"},"
                        + "{\"keyId\":\"cfg_0a1b2c3d\",\"name\":\"startup-with-a-much-longer-client-name\","
                        + "\"roles\":[\"SCORER\",\"LABELER\",\"ANALYST\",\"ADMIN\"],\"createdAt\":\"2026-11-20T00:00:00Z\","
                        + "\"expiresAt\":null,\"lastUsedAt\":\"2026-11-25T10:00:00Z\",\"status\":\"REVOKED\"}]");
            } else if (path.endsWith("/rotation")) {
                respond(exchange, 201, "{\"key\":{\"keyId\":\"ank_NewNewNe\",\"name\":\"issuer-1\",\"roles\":[\"SCORER\"],"
                        + "\"expiresAt\":\"2027-02-24T09:30:00Z\",\"apiKey\":\"ank_NewNewNeSecretSecretSecretSecret\"},"
                        + "\"previous\":[{\"keyId\":\"ank_Ab3dE6gH\",\"expiresAt\":\"2026-11-26T09:30:00Z\"}]}");
            } else if (path.endsWith("/revocation")) {
                respond(exchange, 404, "{\"type\":\"https://anshin.dev/problems/not-found\","
                        + "\"detail\":\"No valid key is named 'gone'.\"}");
            } else if (body.contains("\"bad-roles\"")) {
                respond(exchange, 400, "{\"type\":\"https://anshin.dev/problems/invalid-request\",\"detail\":\"The "
                        + "request has invalid fields.\",\"errors\":[{\"field\":\"roles[0]\",\"message\":\"must be one of "
                        + "SCORER, LABELER, ANALYST, ADMIN\"},{\"field\":\"lifetime\",\"message\":\"at most P365D\"}]}");
            } else {
                respond(exchange, 409, "{\"type\":\"https://anshin.dev/problems/conflict\",\"detail\":\"A key named "
                        + "'issuer-1' is still valid: rotate it\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String key, String... args) {
        KeysCommand command = new KeysCommand();
        command.environment = name -> "ANSHIN_API_KEY".equals(name) ? key : null;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(command).setErr(new PrintWriter(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void listShowsEveryKeyAsATable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, new ByteArrayOutputStream(), "ank_admin", "list", "--url", url())).isEqualTo(KeysCommand.DONE);
        assertThat(requests).containsExactly("GET /api/v1/api-clients ank_admin ");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("KEY ID").contains("ank_Ab3dE6gH").contains("issuer-1").contains("ACTIVE")
                .contains("2027-02-23T09:30:00Z");
    }

    @Test
    void listAlignsEveryColumnWhateverTheWidthOfItsValues() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, new ByteArrayOutputStream(), "ank_admin", "list", "--url", url())).isEqualTo(KeysCommand.DONE);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        for (String column : List.of("NAME", "ROLES", "STATUS", "CREATED", "EXPIRES", "LAST USED")) {
            int at = lines.get(0).indexOf(column);
            assertThat(lines).as(column).allSatisfy(line -> {
                assertThat(line.charAt(at - 1)).as(line).isEqualTo(' ');
                assertThat(line.charAt(at)).as(line).isNotEqualTo(' ');
            });
        }
        assertThat(lines.get(2)).contains("startup-with-a-much-longer-client-name  SCORER,LABELER,ANALYST,ADMIN  REVOKED");
    }

    @Test
    void aRefusalNamesEveryFieldTheServerFoundWrong() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err, "ank_admin", "issue", "bad-roles", "--roles", "ROOT",
                "--url", url())).isEqualTo(KeysCommand.REFUSED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (400): The request has invalid fields.")
                .contains("  roles[0]: must be one of SCORER, LABELER, ANALYST, ADMIN").contains("  lifetime: at most P365D");
    }

    @Test
    void aMissingNameOrAnUnknownOptionIsAUsageErrorWithTheUsageLine() {
        for (List<String> args : List.of(List.of("issue", "--roles", "SCORER"), List.of("list", "--no-such-option"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> withUrl = new ArrayList<>(args);
            withUrl.addAll(List.of("--url", url()));

            assertThat(run(new ByteArrayOutputStream(), err, "ank_admin", withUrl.toArray(String[]::new)))
                    .as(args.toString()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(args.toString()).contains("Usage: keys");
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void rotateSendsTheOverlapAndPrintsTheNewKeyOnceAndWhenTheOldStops() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(out, new ByteArrayOutputStream(), "ank_admin", "rotate", "issuer-1", "--overlap", "PT2H",
                "--url", url())).isEqualTo(KeysCommand.DONE);
        assertThat(requests).containsExactly("POST /api/v1/api-clients/issuer-1/rotation ank_admin {\"overlap\":\"PT2H\"}");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("API key (shown once, keep it secret): ank_NewNewNeSecretSecretSecretSecret")
                .contains("old key ank_Ab3dE6gH keeps working until 2026-11-26T09:30:00Z");
    }

    @Test
    void issueSendsNameRolesAndLifetimeAndAReusedNameIsReportedWithTheServersReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err, "ank_admin", "issue", "issuer-1", "--roles", "SCORER,LABELER",
                "--lifetime", "P30D", "--url", url())).isEqualTo(KeysCommand.REFUSED);
        assertThat(requests).containsExactly("POST /api/v1/api-clients ank_admin "
                + "{\"name\":\"issuer-1\",\"roles\":[\"SCORER\",\"LABELER\"],\"lifetime\":\"PT720H\"}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (409)").contains("rotate it");
    }

    @Test
    void withoutAKeyOrAServerItSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err, null, "list", "--url", url())).isEqualTo(KeysCommand.CANNOT_REACH);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ANSHIN_API_KEY");
        server.stop(0);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(run(new ByteArrayOutputStream(), err2, "ank_admin", "revoke", "gone", "--url", url()))
                .isEqualTo(KeysCommand.CANNOT_REACH);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("cannot reach");
    }
}
