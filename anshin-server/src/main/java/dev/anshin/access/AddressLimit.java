package dev.anshin.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A rate limit per remote address for a public endpoint another module serves (the device collector's
 * observations): the API's token buckets, bounded in memory the same way, on the application's clock.
 */
public final class AddressLimit {

    private final TokenBuckets buckets;

    private AddressLimit(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    /** A limit of {@code limit} per address, tracking at most {@code maxAddresses} addresses at once. */
    public static AddressLimit of(RateLimit limit, int maxAddresses, Clock clock) {
        return new AddressLimit(new TokenBuckets(limit, maxAddresses, new ClockTime(clock)));
    }

    /** Takes a request from the address: empty when it may go on, else how long to wait. */
    public Optional<Duration> take(String address) {
        long wait = buckets.take(address);
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
    }
}
