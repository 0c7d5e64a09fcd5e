package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.anshin.portal.Cardholder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed on shutdown: its streams end when it is stopped, before the web server's graceful shutdown
 * (which would otherwise wait its whole timeout for them), and destroying it afterwards has nothing left to end.
 */
class UsageFeedShutdownTest {

    private final UsageFeed feed = new UsageFeed(new UsageMessages(null), null, JsonMapper.builder().build(),
            new NotificationProperties(true, Duration.ofDays(1), Duration.ofSeconds(1), 100, Duration.ofMinutes(1),
                    Duration.ofSeconds(30), 8, 5, Duration.ofMinutes(5), Duration.ofSeconds(25), Duration.ofDays(7)));

    @Test
    void stoppingEndsEveryOpenStream() {
        feed.start();
        SseEmitter stream = feed.subscribe(new Cardholder("account-1", "customer-1"), "session-1", Locale.JAPANESE);
        AtomicBoolean ended = new AtomicBoolean();
        stream.onCompletion(() -> ended.set(true));
        assertThat(feed.subscribers("customer-1")).isEqualTo(1);

        feed.stop();

        assertThat(feed.isRunning()).isFalse();
        assertThat(feed.subscribers("customer-1")).isZero();
        assertThatCode(feed::destroy).doesNotThrowAnyException();
    }

    @Test
    void aStreamOpenedWhileStoppingEndsAtOnce() {
        feed.start();
        feed.stop();

        feed.subscribe(new Cardholder("account-1", "customer-1"), "session-1", Locale.ENGLISH);

        assertThat(feed.subscribers("customer-1")).isZero();
        feed.destroy();
    }

    @Test
    void isStoppedBeforeTheWebServersGracefulShutdown() {
        // Phases stop from the highest down.
        assertThat(feed.getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
        assertThat(feed.isAutoStartup()).isTrue();
        feed.destroy();
    }
}
