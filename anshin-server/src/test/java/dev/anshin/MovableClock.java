package dev.anshin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system clock plus an offset the tests move forward, so that
 * expiry, lockouts and refills are shown by moving time rather than by sleeping through it; it can
 * be stopped (nothing expires or refills while a test counts) and started again. Untouched, it is
 * the system clock.
 */
@TestConfiguration
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stoppedAt;

    @Bean
    @Primary
    Clock movableClock() {
        return this;
    }

    /** Moves time forward (stopped or not). */
    public void advance(Duration by) {
        offset = offset.plus(by);
        if (stoppedAt != null) {
            stoppedAt = stoppedAt.plus(by);
        }
    }

    /** Time stands still (moved only by {@link #advance}) until {@link #start}. */
    public void stop() {
        stoppedAt = instant();
    }

    /** Time runs again from where it stood. */
    public void start() {
        offset = Duration.between(Instant.now(), stoppedAt);
        stoppedAt = null;
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt;
        return stopped != null ? stopped : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
