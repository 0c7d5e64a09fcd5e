package dev.anshin.cli;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
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
                "Measures throughput and p50/p90/p99 latency of POST /api/v1/authorizations and of GET /api/v1/ping."})
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
        run(path, requests, warmupSeconds, new AtomicLong(), new Histogram(60_000_000_000L, 3), new AtomicLong());
        System.err.printf("measuring %d s (%s, %d connections, %s)...%n", durationSeconds, target, connections,
                rate > 0 ? rate + " req/s" : "max rate");
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong(1_000_000_000L);
        long start = System.nanoTime();
        long completed = run(path, requests, durationSeconds, sequence, latency, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
                "target=%s connections=%d rate=%s requests=%d errors=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms%n",
                target, connections, rate > 0 ? String.valueOf(rate) : "max", completed, errors.get(), completed / seconds,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
        return errors.get() == 0 ? 0 : 1;
    }

    private long run(String path, LongFunction<String> requests, int seconds, AtomicLong sequence,
            Histogram latency, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong completed = new AtomicLong();
        long intervalNanos = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long offset = intervalNanos * c / connections;
            Thread thread = new Thread(() -> {
                HttpConnection connection = new HttpConnection(url, tls);
                Histogram own = new Histogram(60_000_000_000L, 3);
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
                    try {
                        String body = requests.apply(sequence.incrementAndGet());
                        int status = connection.exchange(body == null ? "GET" : "POST", path, apiKey, body);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    own.recordValue(Math.max(0, System.nanoTime() - intended));
                    completed.incrementAndGet();
                    intended += intervalNanos;
                }
                connection.close();
                synchronized (latency) {
                    latency.add(own);
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return completed.get();
    }

    private String authorization(String runId, long n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return DemoTraffic.authorizationJson("lt-" + runId + "-" + n, random.nextInt(cards),
                Integer.toString(random.nextInt(5_000)), 500 + random.nextInt(20_000), Instant.now());
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
