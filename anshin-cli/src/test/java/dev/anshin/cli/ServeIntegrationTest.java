package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * {@code anshin serve} as an operator starts it, with the production settings (this module's test
 * class path has none of the server tests' overrides): HTTPS on a self-signed certificate it makes
 * in the data folder, everything there owner-only; and the launcher's own clients of a running
 * server ({@code privacy master-key}, {@code audit verify --url}, {@code loadtest}) reach it by
 * trusting that certificate file, while an untrusted certificate is refused.
 */
class ServeIntegrationTest {

    private static final String KEY = "ak_serve_integration_test_officer_0123456789";

    @TempDir
    static Path folder;

    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void serve() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--data-dir", folder.resolve("data").toString(),
                "--anshin.access.api-key=" + KEY, "--anshin.access.api-key-roles=PRIVACY_OFFICER,SCORER");
        server = serve.start();
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path certificate() {
        return folder.resolve("data/tls-certificate.pem");
    }

    @Test
    void servesHttpsOnACertificateItMadeAndKeepsOwnerOnly() throws Exception {
        ServerTrust trust = new ServerTrust();
        trust.caCert = certificate();
        URI url = URI.create("https://localhost:" + port + "/api/v1/ping");
        HttpResponse<String> ping = trust.httpClient(url).send(HttpRequest.newBuilder(url).header("X-Api-Key", KEY)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("data")))).isEqualTo("rwx------");
        for (String file : List.of("tls-certificate.pem", "tls-private-key.pem", "anshin.mv.db")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("data").resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void withNoTlsTheServerIsToldToSpeakPlainHttp() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--no-tls");
        assertThat(serve.springArguments()).contains("--server.ssl.enabled=false");
        ServeCommand plain = new ServeCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.springArguments()).noneMatch(argument -> argument.startsWith("--server.ssl"));
    }

    @Test
    void masterKeyStatusTrustsTheCertificateFileAndNothingElse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (String host : List.of("localhost", "127.0.0.1")) {
            assertThat(masterKey(out, err, "status", "--url", "https://" + host + ":" + port, "--ca-cert",
                    certificate().toString())).as(host + ": " + err).isEqualTo(MasterKeyCommand.DONE);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("primary key");

        assumeFalse(Files.exists(ServerTrust.SELF_SIGNED), "a data/tls-certificate.pem lies in the working directory");
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(masterKey(new ByteArrayOutputStream(), refused, "status", "--url", "https://localhost:" + port))
                .isEqualTo(MasterKeyCommand.CANNOT_REACH);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("cannot reach").contains("certificate is not trusted").contains("--ca-cert");
    }

    @Test
    void auditVerifyThroughTheServerTrustsTheCertificateFile() {
        AuditVerifyCommand verify = new AuditVerifyCommand();
        verify.environment = name -> "ANSHIN_API_KEY".equals(name) ? KEY : null;
        String printed = captured(() -> assertThat(new CommandLine(verify).execute("--url", "https://localhost:" + port,
                "--ca-cert", certificate().toString())).isEqualTo(AuditVerifyCommand.INTACT));
        assertThat(printed).contains("audit log intact");
    }

    @Test
    void loadTestRunsOverHttps() {
        String printed = captured(() -> assertThat(new CommandLine(new LoadTestCommand()).execute(
                "--url", "https://127.0.0.1:" + port, "--target", "ping", "--warmup", "0", "--duration", "1",
                "--connections", "2", "--api-key", KEY, "--ca-cert", certificate().toString())).isZero());
        assertThat(printed).contains("target=ping").contains("errors=0");
    }

    private static int masterKey(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        MasterKeyCommand command = new MasterKeyCommand();
        command.environment = name -> "ANSHIN_API_KEY".equals(name) ? KEY : null;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute(args);
    }

    /** What {@code run} printed on standard output. */
    private static String captured(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
