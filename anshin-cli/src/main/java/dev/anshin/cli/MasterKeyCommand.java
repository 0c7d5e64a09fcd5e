package dev.anshin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
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

    @Override
    public Integer call() throws InterruptedException {
        String apiKey = environment.apply("ANSHIN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            err.println("needs the API key of a PRIVACY_OFFICER client in ANSHIN_API_KEY");
            return CANNOT_REACH;
        }
        try {
            ServerApi server = new ServerApi(url, apiKey.trim(), trust.httpClient(url));
            ServerApi.Answer answer = switch (action) {
                case status -> server.get("/api/v1/privacy/master-key");
                case rotate -> server.post("/api/v1/privacy/master-key/rotation", null);
                case retire -> server.post("/api/v1/privacy/master-key/retirement", null);
            };
            if (answer.status() != 200) {
                err.println("refused (" + answer.status() + "): " + answer.reason());
                return REFUSED;
            }
            JsonNode status = answer.body();
            print(status);
            while (action == Action.rotate && await && status.path("remaining").asLong() > 0) {
                Thread.sleep(pollEvery.toMillis());
                status = server.get("/api/v1/privacy/master-key").body();
                out.printf("re-wrapped %,d, remaining %,d%n", status.path("rewrapped").asLong(),
                        status.path("remaining").asLong());
            }
            return DONE;
        } catch (IOException | GeneralSecurityException e) {
            err.println(Failures.unreachable(url, e));
            return CANNOT_REACH;
        }
    }

    private void print(JsonNode status) {
        out.printf("primary key %d; keys %s%n", status.path("primaryKeyId").asLong(), status.path("keyIds"));
        out.printf("customer keys per master key %s%n", status.path("customerKeysByMasterKey"));
        out.printf("re-wrap %s: %,d done, %,d remaining%n", status.path("rewrapping").asBoolean() ? "running" : "idle",
                status.path("rewrapped").asLong(), status.path("remaining").asLong());
    }
}
