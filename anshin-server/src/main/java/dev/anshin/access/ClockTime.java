package dev.anshin.access;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's {@link Clock} read as Bucket4j's time source (nanoseconds of wall-clock time),
 * so that every rate limit runs on the same time as every other timed rule (key expiry, lockouts,
 * codes, sessions), and a test that stops or moves that clock stops or moves the refills with it.
 *
 * <p>It never goes back: when the system's time is set backwards (an NTP step), the refills go on
 * from where they were instead of stopping until the clock has caught up again, which would refuse
 * every client that had used its burst for as long as the step.
 */
final class ClockTime implements TimeMeter {

    private final Clock clock;
    /** What has been added to the clock's time so far to keep it from going back. */
    private final AtomicLong skew = new AtomicLong();
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    ClockTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        long read = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long before = last.get();
        long time = read + skew.get();
        if (time < before) {
            skew.addAndGet(before - time);
            time = before;
        }
        last.accumulateAndGet(time, Math::max);
        return time;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
