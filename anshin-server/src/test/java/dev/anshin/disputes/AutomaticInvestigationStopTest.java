package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shutdown under a backlog: the case under way finishes, the queued ones wait for the next start
 * (which resumes every unfinished case) instead of being worked through while the database closes.
 */
class AutomaticInvestigationStopTest {

    @Test
    void stoppingFinishesTheCaseUnderWayAndLeavesTheQueuedOnesForTheNextStart() throws Exception {
        List<String> investigated = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch underWay = new CountDownLatch(1);
        DisputeStore store = new DisputeStore(null, null) {
            @Override
            Optional<Dispute> find(String disputeId) {
                investigated.add(disputeId);
                underWay.countDown();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty(); // gone meanwhile: the investigation of this case ends here
            }
        };
        DisputeProperties properties = new DisputeProperties(Duration.ofHours(48), Duration.ofDays(30), 1,
                Duration.ofSeconds(30), Duration.ofDays(30), 3, 5, Duration.ofDays(7), 20);
        AutomaticInvestigation investigation = new AutomaticInvestigation(store, null, null, null, null, null, null,
                properties, Clock.systemUTC());
        investigation.start();
        investigation.start(List.of("a", "b", "c", "d", "e"));
        assertThat(underWay.await(5, TimeUnit.SECONDS)).isTrue();

        investigation.stop();
        Thread.sleep(500);

        assertThat(investigated).containsExactly("a");
        assertThat(investigation.isRunning()).isFalse();
        assertThat(List.of("b", "c", "d", "e")).noneMatch(investigation::holds);
    }
}
