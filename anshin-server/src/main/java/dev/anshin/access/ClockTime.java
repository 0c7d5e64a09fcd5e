package dev.anshin.access;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * The application's {@link Clock} read as Bucket4j's time source (nanoseconds of wall-clock time),
 * so that every rate limit runs on the same time as every other timed rule (key expiry, lockouts,
 * codes, sessions), and a test that stops or moves that clock stops or moves the refills with it.
 */
record ClockTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
