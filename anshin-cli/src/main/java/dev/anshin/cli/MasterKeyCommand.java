package dev.anshin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code anshin privacy master-key status|rotate|retire}: the personal-data vault's master keyset,
 * through a running server (PRIVACY_OFFICER key in ANSHIN_API_KEY). {@code rotate} adds a new
 * primary key and, with {@code --wait}, follows the background re-wrap to its end; {@code retire}
 * then removes the keys no customer key uses any more.
 */
@Command(name = "master-key", mixinStandardHelpOptions = true,
        description = {"The personal-data vault's master keyset, through a running server.",
                "  status   key ids, customer keys per master key, re-wrap progress",
                "  rotate   add a new primary key; customer keys are re-wrapped in the background",
                "  retire   remove the old keys no customer key uses (after the re-wrap)",
                "Needs the API key of a PRIVACY_OFFICER client in ANSHIN_API_KEY.",
                "An https server's certificate is checked: see --ca-cert.",
                "Exit: 0 done, 1 refused by the server (the reason is printed), 2 cannot reach it."})
final class MasterKeyCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int CANNOT_REACH = 2;

    enum Action { status, rotate, retire }

    @Parameters(index = "0", paramLabel = "ACTION", description = "status, rotate or retire")
    Action action;

    @Option(names = "--url", defaultValue = "https://127.0.0.1:8080", description = "The server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Mixin
    ServerTrust trust = new ServerTrust();

    @Option(names = "--wait", description = "After rotate: follow the re-wrap until every customer key is under the new key.")
    boolean await;

    /** Where the API key comes from; the environment, replaced in tests. */
    Function<String, String> environment = System::getenv;
    PrintStream out = System.out;
    PrintStream err = System.err;
    Duration pollEvery = Duration.ofSeconds(1);

    private final ObjectMapper json = new ObjectMapper();
    private HttpClient http;

    @Override
    public Integer call() throws InterruptedException {
        String apiKey = environment.apply("ANSHIN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            err.println("needs the API key of a PRIVACY_OFFICER client in ANSHIN_API_KEY");
            return CANNOT_REACH;
        }
        try {
            http = trust.httpClient(url);
            Map.Entry<Integer, JsonNode> answer = switch (action) {
                case status -> send("GET", "/api/v1/privacy/master-key", apiKey.trim());
                case rotate -> send("POST", "/api/v1/privacy/master-key/rotation", apiKey.trim());
                case retire -> send("POST", "/api/v1/privacy/master-key/retirement", apiKey.trim());
            };
            if (answer.getKey() != 200) {
                err.println("refused (" + answer.getKey() + "): " + answer.getValue().path("detail").asText(
                        answer.getValue().toString()));
                return REFUSED;
            }
            JsonNode status = answer.getValue();
            print(status);
            while (action == Action.rotate && await && status.path("remaining").asLong() > 0) {
                Thread.sleep(pollEvery.toMillis());
                status = send("GET", "/api/v1/privacy/master-key", apiKey.trim()).getValue();
                out.printf("re-wrapped %,d, remaining %,d%n", status.path("rewrapped").asLong(),
                        status.path("remaining").asLong());
            }
            return DONE;
        } catch (IOException | GeneralSecurityException e) {
            err.println("cannot reach " + url + ": " + e.getMessage());
            return CANNOT_REACH;
        }
    }

    private Map.Entry<Integer, JsonNode> send(String method, String path, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).header("X-Api-Key", apiKey)
                .timeout(Duration.ofMinutes(1));
        request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        return Map.entry(response.statusCode(), body);
    }

    private void print(JsonNode status) {
        out.printf("primary key %d; keys %s%n", status.path("primaryKeyId").asLong(), status.path("keyIds"));
        out.printf("customer keys per master key %s%n", status.path("customerKeysByMasterKey"));
        out.printf("re-wrap %s: %,d done, %,d remaining%n", status.path("rewrapping").asBoolean() ? "running" : "idle",
                status.path("rewrapped").asLong(), status.path("remaining").asLong());
    }
}
