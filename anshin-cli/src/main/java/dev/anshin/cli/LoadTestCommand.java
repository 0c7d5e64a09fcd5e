package dev.anshin.cli;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;
import dev.anshin.demo.DemoTraffic;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anshin loadtest}: a load generator in its own process against a running server. Sends
 * authorizations (or the trivial ping endpoint, for comparison) from a fixed number of connections,
 * either as fast as they go or at a fixed total rate; latency is measured from each request's
 * intended start, so a stalled server is not hidden (no coordinated omission).
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Load generator against a running server (loopback only).",
                "",
                "Measures throughput and p50/p90/p99 latency of POST /api/v1/authorizations and of GET "
                        + "/api/v1/ping, the answers by status (429 overloaded counted as shed: the server's answer to "
                        + "overload), the latency of the 200s alone, the share past a client timeout, and optionally "
                        + "the server's resident memory.",
                "Exits 0 when every answer was 200 or shed, 1 otherwise; when no request succeeds it says "
                        + "what most likely went wrong (server not running, TLS, API key, unknown cards) and exits 1."})
final class LoadTestCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "Server base URL (default: ${DEFAULT-VALUE}, the demo's; https://127.0.0.1:8080 for `anshin serve`).")
    URI url;

    @Mixin
    ServerTrust trust = new ServerTrust();

    private SSLSocketFactory tls;

    @Option(names = "--api-key", defaultValue = "${env:ANSHIN_API_KEY}", description = "API key (default: $ANSHIN_API_KEY).")
    String apiKey;

    @Option(names = "--target", defaultValue = "authorizations",
            description = "authorizations | ping (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rate", defaultValue = "0",
            description = "Total requests per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds, not measured (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--cards", defaultValue = "300", description = "Demo cards to spread the load over (default: ${DEFAULT-VALUE}).")
    int cards;

    @Option(names = "--terminals-per-card", defaultValue = "0",
            description = "Terminals each card shops at: its own neighbourhood of this many among the 5,000, as a "
                    + "real card keeps to a few dozen shops; 0 = any terminal, each purchase drawn anew "
                    + "(default: ${DEFAULT-VALUE}).")
    int terminalsPerCard;

    @Option(names = "--device-data", defaultValue = "false",
            description = "Send card-absent authorizations with device data and an IP address (a device id, user agent "
                    + "and address per card), which the server pseudonymizes and, for a card with a customer, seals "
                    + "(docs/payment-data.md) (default: ${DEFAULT-VALUE}).")
    boolean deviceData;
    @Option(names = "--client-timeout", defaultValue = "1000",
            description = "Milliseconds after which an issuer would have given up; answers later than this are "
                    + "counted as past the timeout (they are still read) (default: ${DEFAULT-VALUE}).")
    long clientTimeoutMillis;

    @Option(names = "--report-every", defaultValue = "0",
            description = "Also print a line for every this many seconds of the run (by each request's intended "
                    + "start), as the run goes: one load generator for a long soak, instead of one started per "
                    + "period; 0 = only the summary (default: ${DEFAULT-VALUE}).")
    int reportEverySeconds;

    @Option(names = "--server-pid", description = "Process id of the server (same machine): its resident memory "
            + "(RSS) is sampled every second and reported.")
    Long serverPid;

    /**
     * The status the server sheds load with: admission control's 429 {@code overloaded} with
     * Retry-After. A 429 of another type ({@code rate-limited}: this key or address sent too many) is
     * no shedding, and counts as an error.
     */
    static final int SHED = 429;
    private static final String OVERLOADED = "/problems/overloaded";

    /**
     * What one measured period saw: latency of every answer and of the 200s alone, statuses, late
     * answers, requests with no answer and the first reason for one.
     */
    static final class Tally {
        final Histogram all = new Histogram(60_000_000_000L, 3);
        final Histogram ok = new Histogram(60_000_000_000L, 3);
        final java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>();
        long failures;
        long late;
        /** 429 {@code overloaded} answers: load shed by the server. */
        long shed;
        /** Why the first request with no answer had none (an exception's class and message). */
        String firstFailure;

        /** One request's outcome: its status (0 = no answer), whether it was shed, and its latency. */
        synchronized void record(int status, boolean shedding, String failure, long latencyNanos, long timeoutNanos) {
            if (status == 0) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            } else {
                statuses.merge(status, 1L, Long::sum);
            }
            if (shedding) {
                shed++;
            }
            all.recordValue(Math.min(latencyNanos, all.getHighestTrackableValue()));
            if (status == 200) {
                ok.recordValue(Math.min(latencyNanos, ok.getHighestTrackableValue()));
            }
            if (latencyNanos > timeoutNanos) {
                late++;
            }
        }

        synchronized void add(Tally other) {
            all.add(other.all);
            ok.add(other.ok);
            other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            failures += other.failures;
            late += other.late;
            shed += other.shed;
            if (firstFailure == null) {
                firstFailure = other.firstFailure;
            }
        }

        synchronized long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        synchronized long requests() {
            return statuses.values().stream().mapToLong(Long::longValue).sum() + failures;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!isLoopback(url)) {
            System.err.println("loadtest only targets this machine (loopback addresses).");
            return 2;
        }
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("an API key is needed: --api-key or ANSHIN_API_KEY");
            return 2;
        }
        tls = "https".equalsIgnoreCase(url.getScheme()) ? trust.sslContext().getSocketFactory() : null;
        String runId = Long.toString(System.currentTimeMillis(), 36);
        boolean ping = "ping".equals(target);
        LongFunction<String> requests = ping ? n -> null : n -> authorization(runId, n);
        String path = ping ? "/api/v1/ping" : "/api/v1/authorizations";

        System.err.printf("warming up %d s...%n", warmupSeconds);
        Tally warmup = new Tally();
        run(path, requests, warmupSeconds, new AtomicLong(), warmup, null, false);
        if (warmup.requests() > 0 && warmup.count(200) == 0 && warmup.shed == 0) {
            // Nothing got through while warming up, and not because the server is busy: measuring is pointless.
            System.err.println("no request succeeded while warming up: " + hint(warmup, url));
            return 1;
        }
        System.err.printf("measuring %d s (%s, %d connections, %s)...%n", durationSeconds, target, connections,
                rate > 0 ? rate + " req/s" : "max rate");
        Tally tally = new Tally();
        AtomicLong sequence = new AtomicLong(1_000_000_000L);
        MemorySampler memory = serverPid == null ? null : new MemorySampler(serverPid);
        long start = System.nanoTime();
        long completed = run(path, requests, durationSeconds, sequence, tally, memory, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (memory != null) {
            memory.stop();
        }
        long ok = tally.count(200);
        long shed = tally.shed;
        long errors = completed - ok - shed;
        System.out.printf(Locale.ROOT,
                "target=%s connections=%d rate=%s requests=%d errors=%d shed=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
                target, connections, rate > 0 ? String.valueOf(rate) : "max", completed, errors, shed, completed / seconds,
                tally.all.getValueAtPercentile(50) / 1e6, tally.all.getValueAtPercentile(90) / 1e6,
                tally.all.getValueAtPercentile(99) / 1e6, tally.all.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT,
                "answered-200=%d (%.0f/s) p50=%.2fms p99=%.2fms max=%.2fms | shed (429)=%.2f%% failed=%.2f%% "
                        + "statuses=%s no-answer=%d | past %d ms client timeout=%.2f%%%n",
                ok, ok / seconds, tally.ok.getValueAtPercentile(50) / 1e6, tally.ok.getValueAtPercentile(99) / 1e6,
                tally.ok.getMaxValue() / 1e6, percent(shed, completed),
                percent(errors, completed), tally.statuses,
                tally.failures, clientTimeoutMillis, percent(tally.late, completed));
        if (memory != null) {
            System.out.println(memory.report());
        }
        if (ok == 0) {
            System.err.println("no request succeeded: " + hint(tally, url));
            return 1;
        }
        // Shed requests are the server's intended answer to overload, not a failure of the run.
        return errors == 0 ? 0 : 1;
    }

    /** What most likely went wrong when nothing succeeded, and what to try. */
    static String hint(Tally tally, URI url) {
        long requests = tally.requests();
        if (requests == 0) {
            return "no request was even sent (a --duration of 0?).";
        }
        if (tally.failures == requests) {
            String why = tally.firstFailure == null ? "" : tally.firstFailure;
            boolean https = "https".equalsIgnoreCase(url.getScheme());
            if (why.contains("SSL") || why.contains("TLS") || why.contains("certificat") || why.contains("PKIX")) {
                return "the TLS handshake failed (" + why + "). `anshin serve` makes a self-signed certificate: pass "
                        + "it with --ca-cert DATA_DIR/tls-certificate.pem, and name the host it was made for "
                        + "(localhost); the demo and `serve --no-tls` speak plain http://.";
            }
            if (why.contains("ConnectException") || why.contains("Connection refused")) {
                return "could not connect to " + url + " (" + why + "): is the server running, on this port?";
            }
            if (https) {
                return "no answer from " + url + " (" + why + "): does the server speak https? (the demo and "
                        + "`serve --no-tls` speak plain http://)";
            }
            return "no answer from " + url + " (" + why + "): does the server speak plain http? (`anshin serve` "
                    + "speaks https:// unless started with --no-tls)";
        }
        if (tally.count(401) + tally.count(403) > 0) {
            return "the API key was refused (401/403): pass a SCORER key with --api-key or ANSHIN_API_KEY "
                    + "(the demo prints one at start).";
        }
        if (tally.count(422) > 0) {
            return "the requests were refused as unprocessable (422), most likely unknown cards: loadtest sends "
                    + "the demo's cards (the first --cards of them). Against a server that is not the demo, register "
                    + "them first: anshin-benchmarks/load/register-cards.sh " + url + " COUNT.";
        }
        if (tally.count(400) > 0 && !"https".equalsIgnoreCase(url.getScheme())) {
            return "the server answered 400 to plain http: `anshin serve` speaks https:// unless started with "
                    + "--no-tls (use --url https://localhost:PORT --ca-cert DATA_DIR/tls-certificate.pem).";
        }
        if (tally.shed > 0 && tally.shed == tally.count(SHED)) {
            return "every answer was 429 overloaded (shed: the server is over capacity): lower --connections or "
                    + "--rate, or look at what else runs on the server's machine.";
        }
        if (tally.count(SHED) > 0) {
            return "the server answered 429 rate-limited: this API key or address is over its rate limit "
                    + "(anshin.api.* rate limits, docs/configuration.md); use a key and limits meant for load tests.";
        }
        if (tally.count(503) > 0) {
            return "the server answered 503 (unavailable: its database or decision log is failing); see its "
                    + "log and /actuator/health.";
        }
        return "answers by status: " + tally.statuses + "; see the server's log.";
    }

    private long run(String path, LongFunction<String> requests, int seconds, AtomicLong sequence, Tally tally,
            MemorySampler memory, boolean report) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long timeoutNanos = clientTimeoutMillis * 1_000_000L;
        long periodNanos = reportEverySeconds * 1_000_000_000L;
        Tally[] periods = report && reportEverySeconds > 0
                ? new Tally[(int) Math.max(1, (seconds + reportEverySeconds - 1) / reportEverySeconds)] : null;
        // How far each connection's schedule has got (the intended start of its next request; MAX_VALUE
        // once done): a period is complete once every connection is past its end. Kept only when
        // periods are reported.
        AtomicLongArray progress = periods == null ? null : new AtomicLongArray(connections);
        Thread reporter = null;
        if (periods != null) {
            for (int c = 0; c < connections; c++) {
                progress.set(c, start);
            }
            for (int i = 0; i < periods.length; i++) {
                periods[i] = new Tally();
            }
            reporter = new Thread(() -> reportPeriods(periods, start, periodNanos, seconds, progress, memory),
                    "period-reporter");
            reporter.setDaemon(true);
            reporter.start();
        }
        AtomicLong completed = new AtomicLong();
        long intervalNanos = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long offset = intervalNanos * c / connections;
            int index = c;
            Thread thread = new Thread(() -> {
                HttpConnection connection = new HttpConnection(url, tls);
                Tally own = new Tally();
                long intended = System.nanoTime() + offset;
                while (intended < end) {
                    if (intervalNanos > 0) {
                        long wait = intended - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                    } else {
                        intended = System.nanoTime();
                    }
                    int status = 0;
                    boolean shedding = false;
                    String failure = null;
                    try {
                        String body = requests.apply(sequence.incrementAndGet());
                        status = connection.exchange(body == null ? "GET" : "POST", path, apiKey, body);
                        shedding = status == SHED && connection.lastRefusal() != null
                                && connection.lastRefusal().contains(OVERLOADED);
                    } catch (Exception e) {
                        failure = e.toString(); // status stays 0: no answer
                    }
                    long latency = Math.max(0, System.nanoTime() - intended);
                    own.record(status, shedding, failure, latency, timeoutNanos);
                    completed.incrementAndGet();
                    if (periods != null) {
                        int period = (int) Math.min(periods.length - 1, Math.max(0, (intended - start) / periodNanos));
                        periods[period].record(status, shedding, failure, latency, timeoutNanos);
                        progress.set(index, intervalNanos > 0 ? intended + intervalNanos : System.nanoTime());
                    }
                    intended += intervalNanos;
                }
                if (progress != null) {
                    progress.set(index, Long.MAX_VALUE);
                }
                connection.close();
                tally.add(own);
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (reporter != null) {
            reporter.interrupt();
            reporter.join();
        }
        return completed.get();
    }

    /**
     * Prints each period's line once its requests are in: once every connection's schedule has passed
     * the period's end (a connection that fell behind sends requests meant for an earlier period
     * late, and they count in that period), so a stall delays the line rather than leaving out the
     * slow requests. The periods not printed yet when the run ends are printed then.
     */
    private void reportPeriods(Tally[] periods, long start, long periodNanos, int seconds,
            AtomicLongArray progress, MemorySampler memory) {
        int next = 0;
        try {
            while (next < periods.length) {
                long periodEnd = start + Math.min((next + 1) * periodNanos, seconds * 1_000_000_000L);
                if (slowest(progress) >= periodEnd) {
                    printPeriod(next, periods[next], periodLength(next, periodNanos, seconds), memory);
                    next++;
                } else {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            // the run is over (every connection done): the periods not printed yet are complete now
            for (; next < periods.length; next++) {
                printPeriod(next, periods[next], periodLength(next, periodNanos, seconds), memory);
            }
        }
    }

    private static long slowest(AtomicLongArray progress) {
        long slowest = Long.MAX_VALUE;
        for (int c = 0; c < progress.length(); c++) {
            slowest = Math.min(slowest, progress.get(c));
        }
        return slowest;
    }

    /** The length of period {@code index}: the last one may be shorter. */
    private static long periodLength(int index, long periodNanos, int seconds) {
        return Math.min(periodNanos, seconds * 1_000_000_000L - index * periodNanos);
    }

    private void printPeriod(int index, Tally period, long lengthNanos, MemorySampler memory) {
        synchronized (period) {
            long requests = period.requests();
            double seconds = lengthNanos / 1e9;
            System.out.printf(Locale.ROOT,
                    "period=%d from=%ds requests=%d answered-200=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms "
                            + "shed=%.2f%% failed=%.2f%% past-timeout=%.2f%%%s%n",
                    index + 1, index * reportEverySeconds, requests, period.count(200) / seconds,
                    period.all.getValueAtPercentile(50) / 1e6, period.all.getValueAtPercentile(90) / 1e6,
                    period.all.getValueAtPercentile(99) / 1e6, period.all.getMaxValue() / 1e6,
                    percent(period.shed, requests),
                    percent(requests - period.count(200) - period.shed, requests),
                    percent(period.late, requests),
                    memory == null ? "" : " server-rss=" + memory.latestMb() + "MB");
            System.out.flush();
        }
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** Samples a process's resident memory (VmRSS in /proc) once a second. */
    private static final class MemorySampler {
        private final long pid;
        private final List<Long> samplesKb = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        MemorySampler(long pid) {
            this.pid = pid;
            this.thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long kb = rssKb();
                    if (kb > 0) {
                        samplesKb.add(kb);
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private long rssKb() {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // the process is gone or not readable: no sample
            }
            return -1;
        }

        /** The latest sample, in MB (-1 without any). */
        long latestMb() {
            synchronized (samplesKb) {
                return samplesKb.isEmpty() ? -1 : samplesKb.get(samplesKb.size() - 1) / 1024;
            }
        }

        void stop() throws InterruptedException {
            samplesKb.add(rssKb());
            thread.interrupt();
            thread.join();
        }

        String report() {
            List<Long> kb = samplesKb.stream().filter(v -> v > 0).toList();
            if (kb.isEmpty()) {
                return "server-rss=unavailable";
            }
            return String.format(Locale.ROOT, "server-rss start=%d MB end=%d MB max=%d MB (%d samples)",
                    kb.get(0) / 1024, kb.get(kb.size() - 1) / 1024, kb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024,
                    kb.size());
        }
    }

    private String authorization(String runId, long n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int card = random.nextInt(cards);
        String json = DemoTraffic.authorizationJson("lt-" + runId + "-" + n, card,
                Integer.toString(terminal(card, terminalsPerCard, random.nextInt(TERMINALS))), 500 + random.nextInt(20_000),
                Instant.now());
        return deviceData ? withDeviceData(json, card) : json;
    }

    /** The same authorization card-absent, from the card's own device and address. */
    static String withDeviceData(String json, int card) {
        return json.substring(0, json.length() - 1).replace("\"posEntryMode\":\"05\",\"cardPresent\":true",
                "\"posEntryMode\":\"81\",\"cardPresent\":false")
                + String.format(Locale.ROOT, ",\"device\":{\"deviceId\":\"lt-device-%d\",\"channel\":\"02\","
                        + "\"userAgent\":\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1\",\"language\":\"ja-JP\","
                        + "\"timezoneOffset\":-540,\"screenWidth\":390,\"screenHeight\":844},"
                        + "\"ipAddress\":\"10.%d.%d.7\"}", card, (card >> 8) & 255, card & 255);
    }

    static final int TERMINALS = 5_000;

    /**
     * The terminal of one purchase: {@code draw} (uniform in 0..4,999) itself when cards shop anywhere,
     * else one of the card's {@code perCard} neighbouring terminals (spread over all 5,000 by card).
     */
    static int terminal(int card, int perCard, int draw) {
        if (perCard <= 0) {
            return draw;
        }
        long home = (card * 7_919L) % TERMINALS;
        return (int) ((home + draw % perCard) % TERMINALS);
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** Sleeps with nanosecond resolution: {@code Thread.sleep(ms, ns)} rounds to whole milliseconds. */
    private static void sleepNanos(long nanos) {
        long until = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(left);
            left = until - System.nanoTime();
        }
    }
}
