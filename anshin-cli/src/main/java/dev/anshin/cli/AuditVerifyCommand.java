package dev.anshin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anshin.audit.AuditKey;
import dev.anshin.audit.AuditVerification;
import dev.anshin.audit.AuditVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anshin audit verify}: walks the audit log's hash chain, offline against the server's
 * database and key, or through a running server's verification endpoint.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies the audit log's hash chain and reports the first broken entry.",
                "",
                "Offline (default): reads the database and the audit key the server uses.",
                "The embedded H2 database opens in one process at a time: stop the server first. PostgreSQL "
                        + "(--database-url) can be verified while the server runs.",
                "The key comes from ANSHIN_AUDIT_KEYSET, else from --keyset-file.",
                "",
                "Online: --url asks a running server (GET /api/v1/audit/verification) with the API key in "
                        + "ANSHIN_API_KEY; its client needs the PRIVACY_OFFICER role.",
                "The server's certificate is checked (see --ca-cert): the key travels in a header.",
                "",
                "Exit status: 0 intact, 1 broken (first broken seq and reason printed), 2 could not verify "
                        + "(no database, no key, server unreachable)."})
final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_VERIFY = 2;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "The server's data folder: H2 database and audit keyset (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "JDBC URL of the server's PostgreSQL database instead of the embedded H2, e.g. jdbc:postgresql://127.0.0.1:5432/anshin")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "postgres",
            description = "Database user (default: ${DEFAULT-VALUE}; password from ANSHIN_DATABASE_PASSWORD).")
    String databaseUser;

    @Option(names = "--keyset-file", description = "The audit keyset (default: DATA-DIR/audit-keyset.json).")
    Path keysetFile;

    @Option(names = "--url", description = "Verify through a running server at this base URL instead, e.g. https://127.0.0.1:8080")
    URI url;

    @Mixin
    ServerTrust trust = new ServerTrust();

    /** Where the API key of --url comes from; the environment, replaced in tests. */
    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        return url != null ? online() : offline();
    }

    private int offline() {
        AuditKey key;
        try {
            key = AuditKey.load(System.getenv("ANSHIN_AUDIT_KEYSET"),
                    keysetFile != null ? keysetFile : dataDir.resolve("audit-keyset.json"));
        } catch (RuntimeException e) {
            System.err.println("cannot load the audit key: " + e.getMessage());
            return CANNOT_VERIFY;
        }
        String jdbcUrl = databaseUrl != null ? databaseUrl
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("anshin") + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        String user = databaseUrl != null ? databaseUser : "sa";
        String password = databaseUrl != null && System.getenv("ANSHIN_DATABASE_PASSWORD") != null
                ? System.getenv("ANSHIN_DATABASE_PASSWORD") : "";
        Progress progress = new Progress();
        long[] lastReport = {System.nanoTime()};
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            AuditVerification result = new AuditVerifier(key).verify(connection, checked -> {
                // A line every few seconds on long chains, nothing on short ones.
                if (System.nanoTime() - lastReport[0] > Duration.ofSeconds(3).toNanos()) {
                    lastReport[0] = System.nanoTime();
                    progress.accept(String.format("%,d entries checked", checked));
                }
            });
            return report(result.intact(), result.brokenSeq(), String.valueOf(result.reason()), result.explanation(),
                    result.entriesChecked(), result.firstSeq(), result.lastSeq(), result.lastHash());
        } catch (SQLException e) {
            System.err.println("cannot read the audit log at " + jdbcUrl + ": " + e.getMessage());
            if (databaseUrl == null) {
                System.err.println("(the embedded H2 database can be opened by one process only: stop the server first)");
            }
            return CANNOT_VERIFY;
        }
    }

    private int online() {
        String apiKey = environment.apply("ANSHIN_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("--url needs the API key of a PRIVACY_OFFICER client in ANSHIN_API_KEY");
            return CANNOT_VERIFY;
        }
        try {
            HttpResponse<String> response = trust.httpClient(url)
                    .send(HttpRequest.newBuilder(url.resolve("/api/v1/audit/verification"))
                            .header("X-Api-Key", apiKey.trim()).timeout(Duration.ofMinutes(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("the server answered " + response.statusCode() + ": " + response.body());
                return CANNOT_VERIFY;
            }
            JsonNode result = new ObjectMapper().readTree(response.body());
            return report(result.path("intact").asBoolean(), result.path("brokenSeq").isNull()
                            ? null : result.path("brokenSeq").asLong(),
                    result.path("reason").asText(), result.path("explanation").asText(),
                    result.path("entriesChecked").asLong(), result.path("firstSeq").asLong(),
                    result.path("lastSeq").asLong(), result.path("lastHash").asText());
        } catch (IOException | GeneralSecurityException e) {
            System.err.println(Failures.unreachable(url, e));
            return CANNOT_VERIFY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CANNOT_VERIFY;
        }
    }

    private static int report(boolean intact, Long brokenSeq, String reason, String explanation, long checked,
            long firstSeq, long lastSeq, String lastHash) {
        if (intact) {
            System.out.printf("audit log intact: %,d entries checked (seq %d to %d)%nlast hash %s%n",
                    checked, firstSeq, lastSeq, lastHash);
            return INTACT;
        }
        System.out.printf("audit log BROKEN at seq %d: %s (%s)%n%,d entries before it verified%n",
                brokenSeq, reason, explanation, checked);
        return BROKEN;
    }
}
