package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.fraud.StoredDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * No sender, no outbox rows: nobody would send them, and a sender deployed months later must not start
 * with months of stale notices.
 */
class AuthorizationsToNotifyTest {

    private static final NotificationProperties DEFAULTS = new NotificationProperties(false, Duration.ofDays(1),
            Duration.ofSeconds(1), 100, Duration.ofMinutes(1), Duration.ofSeconds(30), 8, 5, Duration.ofMinutes(5),
            Duration.ofSeconds(25), Duration.ofDays(7));

    /** Counts the batches it is asked to record. */
    static final class CountingOutbox extends UsageOutbox {

        final AtomicInteger batches = new AtomicInteger();

        CountingOutbox() {
            super(null, null, null, Clock.systemUTC(), DEFAULTS);
        }

        @Override
        int record(List<StoredDecision> decisions) {
            batches.incrementAndGet();
            return 0;
        }
    }

    @Test
    void withoutASenderNothingGoesToTheOutbox() {
        CountingOutbox outbox = new CountingOutbox();
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        new AuthorizationsToNotify(outbox, null, none.getBeanProvider(NotificationSender.class)).inserting(List.of());
        assertThat(outbox.batches).hasValue(0);
    }

    @Test
    void withASenderEachBatchGoesToTheOutbox() {
        CountingOutbox outbox = new CountingOutbox();
        StaticListableBeanFactory one = new StaticListableBeanFactory(
                Map.of("sender", new SandboxNotificationSender()));
        new AuthorizationsToNotify(outbox, null, one.getBeanProvider(NotificationSender.class)).inserting(List.of());
        assertThat(outbox.batches).hasValue(1);
    }
}
