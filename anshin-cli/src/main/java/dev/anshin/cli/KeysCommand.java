package dev.anshin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anshin keys list|issue|rotate|revoke}: the API keys of machine clients, through a running
 * server (ADMIN key in ANSHIN_API_KEY). A new key is printed once, by issue or rotate, and never again.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"API keys of machine clients, through a running server.",
                "  list   [NAME]                     every key: id, name, roles, status, expiry, last use (never a key)",
                "  issue  NAME --roles R,R [--lifetime P90D]   a client's first key (refused if it has a valid one)",
                "  rotate NAME [--overlap PT24H] [--lifetime P90D]   a new key; the old one works until the overlap ends",
                "  revoke NAME [--key-id ank_...]     stop every key of the client (or just that one), within seconds",
                "Needs the API key of an ADMIN client in ANSHIN_API_KEY.",
                "Exit: 0 done, 1 refused by the server (the reason is printed), 2 cannot reach it or a usage error."})
final class KeysCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int CANNOT_REACH = 2;

    enum Action { list, issue, rotate, revoke }

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, issue, rotate or revoke")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The client's name.")
    String name;

    @Option(names = "--url", defaultValue = "https://127.0.0.1:8080",
            description = "The server (default: ${DEFAULT-VALUE}, as `serve` speaks HTTPS; the demo: http://127.0.0.1:8080).")
    URI url;

    @Option(names = "--roles", split = ",", description = "issue: SCORER, LABELER, ANALYST, ADMIN and/or METRICS "
            + "(the other roles are configured at start: docs/configuration.md, Roles).")
    List<String> roles;

    @Option(names = "--lifetime", description = "issue, rotate: how long the new key is valid (ISO-8601, e.g. P30D); "
            + "the server's default otherwise.")
    Duration lifetime;

    @Option(names = "--overlap", description = "rotate: how long the old key keeps working (e.g. PT24H, PT0S); "
            + "the server's default otherwise.")
    Duration overlap;

    @Option(names = "--key-id", description = "revoke: only this key of the client (e.g. ank_Ab3dE6gH).")
    String keyId;

    @Mixin
    ServerTrust trust = new ServerTrust();

    @Spec
    CommandSpec spec;

    /** Where the API key comes from; the environment, replaced in tests. */
    Function<String, String> environment = System::getenv;
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws InterruptedException {
        if (action != Action.list && (name == null || name.isBlank())) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter for " + action + ": 'NAME'");
        }
        String apiKey = environment.apply("ANSHIN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            err.println("needs the API key of an ADMIN client in ANSHIN_API_KEY");
            return CANNOT_REACH;
        }
        try {
            ServerApi server = new ServerApi(url, apiKey.trim(), trust.httpClient(url));
            String client = name == null ? null : "/api/v1/api-clients/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            ServerApi.Answer answer = switch (action) {
                case list -> server.get("/api/v1/api-clients"
                        + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)));
                case issue -> server.post("/api/v1/api-clients", body("name", name, "roles", roles, "lifetime", lifetime));
                case rotate -> server.post(client + "/rotation", body("overlap", overlap, "lifetime", lifetime));
                case revoke -> server.post(client + "/revocation", body("keyId", keyId));
            };
            if (answer.status() / 100 != 2) {
                err.println("refused (" + answer.status() + "): " + answer.reason());
                return REFUSED;
            }
            switch (action) {
                case list -> table(answer.body());
                case issue -> issued(answer.body());
                case rotate -> {
                    issued(answer.body().path("key"));
                    for (JsonNode old : answer.body().path("previous")) {
                        out.printf("old key %s keeps working until %s%n", old.path("keyId").asText(),
                                old.path("expiresAt").asText());
                    }
                }
                case revoke -> {
                    for (JsonNode revoked : answer.body().path("revoked")) {
                        out.printf("revoked %s (%s)%n", revoked.path("keyId").asText(), revoked.path("name").asText());
                    }
                }
            }
            return DONE;
        } catch (IOException | GeneralSecurityException e) {
            err.println(Failures.unreachable(url, e));
            return CANNOT_REACH;
        }
    }

    /** The fields given, in order, leaving out those not given (the server then uses its defaults). */
    private static Map<String, Object> body(Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value != null) {
                body.put((String) fields[i], value instanceof Duration d ? d.toString() : value);
            }
        }
        return body;
    }

    private void issued(JsonNode key) {
        out.printf("API key (shown once, keep it secret): %s%n", key.path("apiKey").asText());
        out.printf("key id %s, client %s, roles %s, valid until %s%n", key.path("keyId").asText(),
                key.path("name").asText(), key.path("roles"), key.path("expiresAt").asText());
    }

    /** One line a key, each column as wide as its widest value (names and role lists vary in length). */
    private void table(JsonNode keys) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY ID", "NAME", "ROLES", "STATUS", "CREATED", "EXPIRES", "LAST USED"});
        for (JsonNode key : keys) {
            List<String> roleNames = new ArrayList<>();
            key.path("roles").forEach(role -> roleNames.add(role.asText()));
            rows.add(new String[] {key.path("keyId").asText(), key.path("name").asText(), String.join(",", roleNames),
                    key.path("status").asText(), time(key.path("createdAt")), time(key.path("expiresAt")),
                    time(key.path("lastUsedAt"))});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
    }

    /** A time to the second, or "-" (no expiry, never used). */
    private static String time(JsonNode at) {
        String text = at.isNull() || at.isMissingNode() ? "-" : at.asText();
        return text.length() > 19 ? text.substring(0, 19) + "Z" : text;
    }
}
