package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A flood of refusals writes a bounded number of entries, and the entries still count every refusal. */
class RefusalAuditTest {

    private static final Pattern SUMMARY = Pattern.compile("summary: (\\d+) more");

    private final List<AuditEvent> written = new CopyOnWriteArrayList<>();
    private final RefusalAudit refusals = new RefusalAudit(written::add,
            Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC),
            new RefusalAudit.Settings(Duration.ofMinutes(1), 5));

    private static AuditEvent wrongKey(String keyId, String address) {
        return new AuditEvent("api-key:" + keyId, "sign-in", "api", null, AuditOutcome.FAILURE, address,
                "BadCredentialsException");
    }

    /** How many refusals the entries account for: one per entry recorded individually, N per summary. */
    private long counted() {
        return written.stream().mapToLong(event -> {
            Matcher m = SUMMARY.matcher(event.detail());
            return m.find() ? Long.parseLong(m.group(1)) : 1;
        }).sum();
    }

    @Test
    void theFirstRefusalOfASourceIsRecordedAtOnceAndItsRepeatsInOneSummary() {
        for (int i = 0; i < 17_655; i++) {
            refusals.refused(wrongKey("ank_AAAAAAAA", "198.51.100.7"));
        }
        assertThat(written).hasSize(1);
        assertThat(written.get(0).detail()).isEqualTo("BadCredentialsException");

        assertThat(refusals.flush()).isEqualTo(1);
        assertThat(written).hasSize(2);
        AuditEvent summary = written.get(1);
        assertThat(summary.actor()).isEqualTo("api-key:ank_AAAAAAAA");
        assertThat(summary.origin()).isEqualTo("198.51.100.7");
        assertThat(summary.detail()).startsWith("summary: 17654 more like the entry recorded individually between "
                + "2026-11-25T09:00:00Z and ").endsWith("(BadCredentialsException)");
        assertThat(counted()).isEqualTo(17_655);
    }

    @Test
    void aWindowWithoutRepeatsWritesNoSummaryAndTheNextWindowStartsAfresh() {
        refusals.refused(wrongKey("ank_AAAAAAAA", "198.51.100.7"));
        assertThat(refusals.flush()).isZero();
        refusals.refused(wrongKey("ank_AAAAAAAA", "198.51.100.7"));
        assertThat(written).as("first of the new window, recorded at once").hasSize(2);
    }

    @Test
    void sourcesBeyondTheCapAreCountedPerKindSoAFloodFromManySourcesStaysBounded() {
        int flood = 100_000;
        for (int i = 0; i < flood; i++) {
            // a new address and a new key id every time: every refusal a new source
            String address = (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255);
            refusals.refused(wrongKey("ank_" + Integer.toString(i, 36), "10." + address));
            refusals.refused(new AuditEvent("(no key)", "api.rate-limited", "api/scoring", null, AuditOutcome.DENIED,
                    "11." + address, "over the limit of this address"));
        }
        refusals.flush();
        // 5 sources individually, no repeats among them, then one summary per kind that overflowed
        assertThat(written).hasSize(5 + 2);
        assertThat(written.subList(5, 7)).extracting(AuditEvent::actor).containsOnly("(many)");
        assertThat(counted()).isEqualTo(2L * flood);
    }

    @Test
    void refusalsFromManyThreadsAreAllCountedAcrossWindows() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        int each = 20_000;
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.submit(() -> {
                for (int i = 0; i < each; i++) {
                    refusals.refused(wrongKey("ank_AAAAAAA" + (i % 3), "198.51.100." + thread));
                    if (thread == 0 && i % 5_000 == 0) {
                        refusals.flush();
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        refusals.flush();
        assertThat(counted()).isEqualTo(8L * each);
    }
}
