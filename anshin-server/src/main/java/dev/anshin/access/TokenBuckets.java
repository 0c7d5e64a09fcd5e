package dev.anshin.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * One token bucket per subject (an API key id, an address, a user name), for one {@link RateLimit}.
 *
 * <p>Memory stays bounded whatever arrives: at most {@code maxSubjects} buckets are kept (a flood
 * from a million addresses evicts the least used, and an evicted subject starts again with a full
 * bucket), and a bucket idle long enough to have refilled is dropped, which loses nothing.
 */
final class TokenBuckets {

    private final RateLimit limit;
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    /** With the time source the refills and the idle expiry run on (the application's: {@link ClockTime}). */
    TokenBuckets(RateLimit limit, int maxSubjects, TimeMeter time) {
        this.limit = limit;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxSubjects)
                .expireAfterAccess(limit.off() ? Duration.ofSeconds(1) : limit.refillTime())
                .ticker(time::currentTimeNanos)
                // Evictions run on the caller's thread: no pool of its own, and none shared with others.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Takes a token for the subject: zero when it may go on, otherwise how many nanoseconds until it
     * may. Nothing is taken from a subject that is refused.
     */
    long take(String subject) {
        if (limit.off() || subject == null) {
            return 0;
        }
        ConsumptionProbe probe = buckets.get(subject, s -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Gives the subject's token back (a sign-in that succeeded does not count against it). */
    void giveBack(String subject) {
        if (limit.off() || subject == null) {
            return;
        }
        Bucket bucket = buckets.getIfPresent(subject);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** How many subjects are tracked now (at most {@code maxSubjects}, once evictions have run). */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    RateLimit limit() {
        return limit;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.tokens(), limit.period()))
                .withCustomTimePrecision(time)
                .build();
    }
}
