package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no Test suffix): the CSV import figure of docs/benchmarks.md. Writes a Shift_JIS export of
 * {@code voice.rows} rows (default 100,000; about one in fifty bad) with {@link CallCenterExports}, imports it through
 * {@link VoiceImports} (the same path as the upload page after the file is received: copy and hash, strict decoding
 * check, then every row through the real intake: redaction, analysis, sealing, storing), and prints the wall time,
 * rows per second, and the heap in use sampled every 100 ms (the whole server's heap, before and at its peak).
 * Writes rows: run it in a throw-away copy of the project.
 *
 * <pre>./mvnw -o -q -pl anshin-server -Dtest=VoiceImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dvoice.rows=100000 test</pre>
 */
class VoiceImportBenchmark extends IntegrationTestSupport {

    @Autowired
    VoiceImports imports;

    @Test
    void importsAHundredThousandRows() throws Exception {
        int rows = Integer.getInteger("voice.rows", 100_000);
        Path file = Files.createTempFile(Path.of("target"), "voice-benchmark", ".csv");
        int bad = CallCenterExports.write(file, rows, Charset.forName("windows-31j"), CallCenterExports.prefix(),
                42);
        System.out.printf("voice import benchmark: %,d rows (%,d bad), %,d bytes%n", rows, bad, Files.size(file));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        VoiceImports.Started start;
        try (InputStream in = Files.newInputStream(file)) {
            start = imports.start(new Actor("benchmark-cs", Set.of(Role.CUSTOMER_SERVICE), "benchmark"),
                    "benchmark.csv", in, ImportEncoding.AUTO);
        }
        long accepted = System.nanoTime();
        VoiceImport done;
        while ((done = imports.find(start.voiceImport().id()).orElseThrow()).running()) {
            Thread.sleep(200);
        }
        long finished = System.nanoTime();
        sampler.interrupt();
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("voice import benchmark: heap in use after GC %,d MB before the import, %,d MB after it%n",
                before >> 20, after >> 20);
        double seconds = (finished - started) / 1e9;
        System.out.printf("voice import benchmark: upload checked in %.1f s; %,d rows read, %,d added, %,d already, "
                        + "%,d refused in %.1f s (%.0f rows/s); heap in use %,d MB before, peak %,d MB (max %,d MB)%n",
                (accepted - started) / 1e9, done.rowsRead(), done.accepted(), done.already(), done.refused(), seconds,
                done.rowsRead() / seconds, before >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
        Files.deleteIfExists(file);
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        imports.eachError(done.id(), e -> reasons.merge(e.field() + " " + e.reason(), 1, Integer::sum));
        System.out.println("voice import benchmark: refused " + reasons);
        assertThat(done.rowsRead()).isEqualTo(rows);
        assertThat(done.refused()).isEqualTo(bad);
    }
}
