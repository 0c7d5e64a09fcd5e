package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code anshin loadtest} against a stand-in server that answers every request with one status. */
class LoadTestCommandTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int answering(int status) throws IOException {
        return answering(status, "{}");
    }

    /** A server answering every request with {@code status} and {@code problem} as its body. */
    private int answering(int status, String problem) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = problem.getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run loadTest(String url, String... more) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // option → value; those given replace the defaults (picocli refuses an option given twice)
            java.util.Map<String, String> options = new java.util.LinkedHashMap<>(java.util.Map.of("--url", url,
                    "--api-key", "k".repeat(30), "--warmup", "0", "--duration", "1", "--connections", "1", "--cards", "3"));
            for (int i = 0; i + 1 < more.length; i += 2) {
                options.put(more[i], more[i + 1]);
            }
            java.util.List<String> args = new java.util.ArrayList<>();
            options.forEach((option, value) -> {
                args.add(option);
                args.add(value);
            });
            int exit = new CommandLine(new LoadTestCommand()).execute(args.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void countsSheddingAsShedNotAsErrorsAndSaysWhyNothingSucceeded() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(429,
                "{\"type\":\"https://anshin.dev/problems/overloaded\",\"status\":429}"));

        assertThat(run.out()).contains("errors=0 shed=").doesNotContain("shed=0 ");
        assertThat(run.err()).contains("no request succeeded").contains("429 overloaded").contains("over capacity");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aRateLimited429IsNoSheddingButAnError() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(429,
                "{\"type\":\"https://anshin.dev/problems/rate-limited\",\"status\":429}"));

        assertThat(run.out()).contains(" shed=0 ").doesNotContain("errors=0 ");
        assertThat(run.err()).contains("rate-limited");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void saysTheCardsAreProbablyUnknownWhenEveryRequestIs422() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(422));

        assertThat(run.err()).contains("unknown cards").contains("register-cards.sh");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void saysTheApiKeyWasRefusedOn401() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(401));

        assertThat(run.err()).contains("API key was refused");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void saysTheServerIsNotThereWhenNoConnectionIsAccepted() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        Run run = loadTest("http://127.0.0.1:" + closed);

        assertThat(run.err()).contains("could not connect").contains("is the server running");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void saysTheTlsHandshakeFailedWhenHttpsMeetsAPlainServer() throws Exception {
        // A plain HTTP server answers the TLS client hello with a plain error and closes, as Tomcat does.
        try (ServerSocket plain = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket socket = plain.accept()) {
                        socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // stopped
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();

            Run run = loadTest("https://127.0.0.1:" + plain.getLocalPort());

            assertThat(run.err()).contains("TLS handshake failed").contains("--ca-cert");
            assertThat(run.exit()).isEqualTo(1);
        }
    }

    @Test
    void exitsZeroWhenEveryAnswerIs200() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(200));

        assertThat(run.out()).contains("errors=0 shed=0 ");
        assertThat(run.err()).doesNotContain("no request succeeded");
        assertThat(run.exit()).isZero();
    }

    @Test
    void hintForNoRequestAtAll() {
        assertThat(LoadTestCommand.hint(new LoadTestCommand.Tally(), URI.create("http://127.0.0.1:1")))
                .contains("no request");
    }

    @Test
    void keepsEachCardToItsOwnNeighbourhoodOfTerminalsWhenAsked() {
        java.util.Set<Integer> ofOneCard = new java.util.HashSet<>();
        java.util.Set<Integer> ofAnother = new java.util.HashSet<>();
        for (int draw = 0; draw < LoadTestCommand.TERMINALS; draw++) {
            ofOneCard.add(LoadTestCommand.terminal(17, 32, draw));
            ofAnother.add(LoadTestCommand.terminal(18, 32, draw));
            assertThat(LoadTestCommand.terminal(17, 0, draw)).isEqualTo(draw);
        }
        assertThat(ofOneCard).hasSize(32).allSatisfy(t -> assertThat(t).isBetween(0, LoadTestCommand.TERMINALS - 1));
        assertThat(ofAnother).hasSize(32).doesNotContainAnyElementsOf(ofOneCard);
        assertThat(LoadTestCommand.terminal(99_999, 32, 4_999)).isBetween(0, LoadTestCommand.TERMINALS - 1);
    }

    @Test
    void printsALinePerPeriodAsTheRunGoesWhenAsked() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(200), "--duration", "3", "--report-every", "1",
                "--rate", "20", "--connections", "4");

        java.util.List<String> periods = run.out().lines().filter(line -> line.startsWith("period=")).toList();
        assertThat(periods).hasSize(3);
        assertThat(periods.get(0)).startsWith("period=1 from=0s ").contains(" failed=0.00% ");
        assertThat(periods.get(2)).startsWith("period=3 from=2s ");
        // 20 a second, by intended start: each period about 20 requests, all answered 200
        assertThat(periods).allSatisfy(line -> assertThat(line).containsPattern(" requests=(1\\d|2\\d) answered-200="));
        assertThat(run.exit()).isZero();
    }

    @Test
    void printsNoPeriodsByDefault() throws IOException {
        Run run = loadTest("http://127.0.0.1:" + answering(200));

        assertThat(run.out()).doesNotContain("period=").contains("answered-200=");
    }

    @Test
    void aPeriodsLineWaitsForItsSlowRequestsRatherThanLeavingThemOut() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (first.getAndSet(false)) {
                try {
                    Thread.sleep(3_500); // longer than the client timeout and a second after it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();

        Run run = loadTest("http://127.0.0.1:" + server.getAddress().getPort(), "--duration", "3",
                "--report-every", "1", "--rate", "20", "--connections", "4");

        String firstPeriod = run.out().lines().filter(line -> line.startsWith("period=1 ")).findFirst().orElseThrow();
        java.util.regex.Matcher max = java.util.regex.Pattern.compile(" max=([0-9.]+)ms").matcher(firstPeriod);
        assertThat(max.find()).isTrue();
        assertThat(Double.parseDouble(max.group(1))).isGreaterThanOrEqualTo(3_500);
        assertThat(firstPeriod).doesNotContain("past-timeout=0.00%");
    }
}
