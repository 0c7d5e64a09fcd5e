package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets per subject, on a clock the test moves. */
class TokenBucketsTest {

    /** Time that moves only when told. */
    static final class ManualTime implements TimeMeter {

        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration by) {
            nanos += by.toNanos();
        }
    }

    private final ManualTime time = new ManualTime();

    @Test
    void aBurstGoesThroughThenTheNextWaitsForARefill() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.valueOf("10/min burst 3"), 1000, time);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("198.51.100.7")).isZero();
        }
        long wait = buckets.take("198.51.100.7");
        assertThat(Duration.ofNanos(wait)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        assertThat(buckets.take("198.51.100.8")).as("another subject has its own bucket").isZero();

        time.advance(Duration.ofSeconds(6));
        assertThat(buckets.take("198.51.100.7")).as("one token came back").isZero();
        assertThat(buckets.take("198.51.100.7")).isPositive();
    }

    @Test
    void aTokenGivenBackCanBeTakenAgain() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.valueOf("1/h"), 1000, time);
        assertThat(buckets.take("alice")).isZero();
        buckets.giveBack("alice");
        assertThat(buckets.take("alice")).isZero();
        assertThat(buckets.take("alice")).isPositive();
    }

    @Test
    void offLimitsNothingAndNoSubjectIsNotLimited() {
        TokenBuckets off = new TokenBuckets(RateLimit.OFF, 1000, time);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.take("198.51.100.7")).isZero();
        }
        TokenBuckets tight = new TokenBuckets(RateLimit.valueOf("1/h"), 1000, time);
        assertThat(tight.take(null)).isZero();
        assertThat(tight.take(null)).isZero();
    }

    @Test
    void aFloodFromAMillionAddressesKeepsAtMostTheBoundOfBuckets() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.valueOf("5/s burst 10"), 10_000, time);
        for (int i = 0; i < 1_000_000; i++) {
            buckets.take("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(buckets.tracked()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void anIdleSubjectIsForgottenOnceItsBucketWouldBeFullAgain() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.valueOf("1/s burst 2"), 1000, time);
        buckets.take("198.51.100.7");
        assertThat(buckets.tracked()).isEqualTo(1);
        time.advance(Duration.ofSeconds(4));
        assertThat(buckets.tracked()).isZero();
    }
}
