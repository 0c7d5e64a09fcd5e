package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.ChildServer;
import dev.anshin.demo.DemoCards;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under load and comes back, without touching the machine's shared
 * PostgreSQL: the server reaches its own fresh database through a TCP link this test breaks and
 * mends, in two ways. Cut: every open connection dropped, new ones refused, as when the database
 * stops. Silent: nothing forwarded either way and nothing closed, as when the network drops packets
 * (a firewall, a failed-over address); only the driver's socket timeout and the pool's validation
 * notice, and this test sets both short. While broken, scoring goes on from the decision log, every
 * other endpoint answers a clean 503 problem, pages a clean error page, and readiness stays UP
 * while the overall health is DOWN. Once mended, everything recovers by itself, and every
 * acknowledged decision is in the database exactly once. Skipped, with a notice, when no PostgreSQL
 * answers on 127.0.0.1:5432.
 */
class DatabaseOutageIntegrationTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String API_KEY = "outage-test-key-0123456789abcdef";
    private static final String STAFF_PASSWORD = "outage-staff-password-1";
    private static final Pattern DECISION = Pattern.compile("\"decision\":\"(\\w+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"https://anshin.dev/problems/([a-z-]+)\"");
    /** How long anything the test waits for may take; generous, as CI machines are slow and shared. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private String database;
    private CuttableLink link;
    private ChildServer server;

    @BeforeEach
    void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            database = "anshin_outage_" + UUID.randomUUID().toString().substring(0, 8);
            try (Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException unreachable) {
            System.out.println("NOTICE: DatabaseOutageIntegrationTest skipped, PostgreSQL not reachable on "
                    + "127.0.0.1:5432 (" + unreachable.getMessage() + ")");
            Assumptions.abort("PostgreSQL not reachable on 127.0.0.1:5432");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (server != null) {
            server.close();
        }
        if (link != null) {
            link.close();
        }
        if (database != null) {
            try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void whenTheDatabaseStopsScoringGoesOnTheRestAnswers503AndAllRecoversWithNoDecisionLostOrDuplicated()
            throws Exception {
        link = new CuttableLink(5432);
        link.restore();
        outage(link::cut, link::restore);
    }

    /**
     * Without a socket timeout a query in flight when the network goes silent waits for ever (the
     * link, like a real network, never says the connection is gone): the indexer would hang on it
     * and nothing after the outage would reach the database.
     */
    @Test
    void whenTheNetworkToTheDatabaseGoesSilentScoringGoesOnTheRestAnswers503AndAllRecovers() throws Exception {
        link = new CuttableLink(5432);
        link.restore();
        outage(link::silence, link::answer);
    }

    private void outage(Step breakLink, Step mendLink) throws Exception {
        server = ChildServer.start(dataDir, "outage", API_KEY, List.of(
                "--spring.profiles.active=postgres",
                // Short timeouts, so that the test is short: the defaults are minutes (docs/configuration.md).
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + database
                        + "?socketTimeout=3",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500",
                // Readiness stays UP while decisions wait below this; the senders must not reach it.
                "--anshin.fraud.decision-log.max-pending=1000000",
                "--anshin.access.demo-users=true",
                "--anshin.access.demo-password=" + STAFF_PASSWORD));
        assertThat(server.post("/api/v1/cards", "{\"pan\":\"" + DemoCards.pan(1) + "\"}").statusCode())
                .isIn(200, 201);
        server.signIn("admin", STAFF_PASSWORD);
        assertThat(server.page("/console").statusCode()).isEqualTo(200);

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, Map<Integer, Integer>> statusesByPhase = new ConcurrentHashMap<>();
        Set<String> refusalTypes = ConcurrentHashMap.newKeySet();
        AtomicReference<String> phase = new AtomicReference<>("before");
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (!phase.get().equals("done")) {
                    String id = "outage-" + sequence.incrementAndGet();
                    String now = phase.get();
                    try {
                        HttpResponse<String> answer = server.post("/api/v1/authorizations", authorization(id));
                        statusesByPhase.computeIfAbsent(now, p -> new ConcurrentHashMap<>())
                                .merge(answer.statusCode(), 1, Integer::sum);
                        if (answer.statusCode() == 200) {
                            Matcher decision = DECISION.matcher(answer.body());
                            acknowledged.put(id, decision.find() ? decision.group(1) : "?");
                        } else {
                            Matcher type = TYPE.matcher(answer.body());
                            refusalTypes.add(answer.statusCode() + " " + (type.find() ? type.group(1) : answer.body()));
                        }
                    } catch (IOException | InterruptedException e) {
                        statusesByPhase.computeIfAbsent(now, p -> new ConcurrentHashMap<>()).merge(-1, 1, Integer::sum);
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        HttpResponse<String> models;
        HttpResponse<String> page;
        HttpResponse<String> health;
        HttpResponse<String> readiness;
        try {
            waitFor("50 decisions before the outage", () -> acknowledged.size() >= 50);

            breakLink.run();
            phase.set("broken");
            int acknowledgedAtBreak = acknowledged.size();
            // Each of these answers within the pool's and the driver's timeouts; polled, as the first
            // requests may still be served by the connection that was just being used.
            models = awaitStatus(503, () -> server.get("/api/v1/models"));
            page = awaitStatus(503, () -> server.page("/console"));
            health = awaitStatus(503, () -> server.get("/actuator/health", null));
            readiness = server.get("/actuator/health/readiness", null);
            waitFor("50 decisions while the database is away", () -> acknowledged.size() >= acknowledgedAtBreak + 50);

            mendLink.run();
            phase.set("after");
            awaitStatus(200, () -> server.get("/api/v1/models"));
            int acknowledgedBeforeAfter = acknowledged.size();
            waitFor("50 decisions after the outage", () -> acknowledged.size() >= acknowledgedBeforeAfter + 50);
        } finally {
            phase.set("done");
            for (Thread sender : senders) {
                sender.join();
            }
        }

        // While broken: scoring went on, the rest refused cleanly, readiness stayed UP.
        assertThat(statusesByPhase.get("broken").keySet()).as("statuses while broken").isSubsetOf(200, 429, 503);
        assertThat(refusalTypes).as("refusals").allMatch(type -> type.equals("503 unavailable")
                || type.equals("429 overloaded"));
        assertThat(models.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(models.headers().firstValue("Retry-After")).isPresent();
        assertThat(models.body()).contains("https://anshin.dev/problems/unavailable")
                .doesNotContain("Exception").doesNotContain("at org.");
        assertThat(page.body()).contains("一時的にご利用いただけません").doesNotContain("Exception");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(readiness.statusCode()).as("readiness while the database is away: %s", readiness.body())
                .isEqualTo(200);

        // After: recovered by itself; every acknowledged decision in the database once, unchanged.
        assertThat(statusesByPhase.get("after").get(200)).isPositive();
        assertThat(server.page("/console").statusCode()).isEqualTo(200);
        Map<String, String> stored = new HashMap<>();
        waitFor("every acknowledged decision in the database", () -> {
            stored.clear();
            stored.putAll(storedDecisions());
            return stored.keySet().containsAll(acknowledged.keySet());
        });
        assertThat(stored).containsAllEntriesOf(acknowledged);
        // No request became a 500 (the driver and the pool may log their own traces of the outage).
        assertThat(server.log()).doesNotContain("Unexpected failure");
    }

    /** Breaks or mends the link. */
    private interface Step {
        void run() throws IOException;
    }

    /** Something the test waits for; a request that fails on the way counts as not yet. */
    private interface Condition {
        boolean holds() throws IOException, InterruptedException;
    }

    private interface Request {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    /** Sends the request until it is answered with the status; returns that answer. */
    private static HttpResponse<String> awaitStatus(int status, Request request) throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        waitFor("status " + status, () -> {
            last.set(request.send());
            return last.get().statusCode() == status;
        });
        return last.get();
    }

    private Map<String, String> storedDecisions() {
        Map<String, String> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                "postgres", ""); Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery(
                        "SELECT authorization_id, decision FROM authorizations WHERE authorization_id LIKE 'outage-%'")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String authorization(String id) {
        return "{\"authorizationId\":\"" + id + "\",\"card\":{\"pan\":\"" + DemoCards.pan(1) + "\"},"
                + "\"amount\":{\"minor\":" + (150 + Math.abs(id.hashCode() % 50)) + ",\"currency\":\"JPY\"},"
                + "\"merchantId\":\"M1\",\"mcc\":\"5411\",\"terminalId\":\"T1\",\"merchantCountry\":\"JP\","
                + "\"posEntryMode\":\"05\",\"cardPresent\":true,\"timestamp\":\"" + Instant.now() + "\"}";
    }

    private static void waitFor(String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException notYet) {
                // the next try may get through
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + PATIENCE);
            }
            Thread.sleep(100);
        }
    }

    /**
     * A TCP link to PostgreSQL on a port of its own. Cut: every open connection is dropped and new
     * ones are refused, as when the database stops. Silenced: connections stay open and new ones
     * are taken, but nothing is forwarded either way (what is sent is lost), as when the network
     * drops packets; answering again forwards what is sent from then on. Restored: connections go
     * through again.
     */
    static final class CuttableLink implements AutoCloseable {
        private final int target;
        private final int port;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile ServerSocket listening;
        private volatile boolean silent;

        CuttableLink(int target) throws IOException {
            this.target = target;
            try (ServerSocket probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            }
        }

        int port() {
            return port;
        }

        void restore() throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            listening = socket;
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        open.add(client);
                        if (silent) {
                            pipe(client, null); // taken, never answered: the database is out of reach
                            continue;
                        }
                        Socket database = new Socket("127.0.0.1", target);
                        open.add(database);
                        pipe(client, database);
                        pipe(database, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "link-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pipe(Socket from, Socket to) {
            Thread pipe = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        if (to != null && !silent) {
                            OutputStream out = to.getOutputStream();
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // cut, or one side hung up
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "link-pipe");
            pipe.setDaemon(true);
            pipe.start();
        }

        void cut() {
            closeQuietly(listening);
            open.forEach(CuttableLink::closeQuietly);
            open.clear();
        }

        void silence() {
            silent = true;
        }

        void answer() {
            silent = false;
        }

        @Override
        public void close() {
            cut();
        }

        private static void closeQuietly(java.io.Closeable closeable) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
