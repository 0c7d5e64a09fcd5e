package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockTimeTest {

    /** A clock set by hand. */
    private static final class SetClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void followsTheClockAndGoesOnFromWhereItWasWhenTheClockIsSetBack() {
        SetClock clock = new SetClock();
        ClockTime time = new ClockTime(clock);
        long start = time.currentTimeNanos();
        clock.now = clock.now.plusSeconds(10);
        assertThat(time.currentTimeNanos() - start).isEqualTo(Duration.ofSeconds(10).toNanos());

        clock.now = clock.now.minus(Duration.ofHours(1)); // an NTP step back
        assertThat(time.currentTimeNanos() - start).isEqualTo(Duration.ofSeconds(10).toNanos());
        clock.now = clock.now.plusSeconds(2);
        assertThat(time.currentTimeNanos() - start).as("refills go on at once, not an hour later")
                .isEqualTo(Duration.ofSeconds(12).toNanos());
    }
}
