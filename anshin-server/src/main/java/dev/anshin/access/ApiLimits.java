package dev.anshin.access;

import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The API's rate limits (token buckets, {@link LimitProperties}): per remote address before anything
 * else, per API key once the key is known, with separate budgets for the scoring path and for the
 * rest; and wrong keys per address, so that guessing keys costs a flood its 401s and its audit
 * entries. Each answer is zero (go on) or the nanoseconds until the next request would be let through.
 *
 * <p>A key's budget is taken only after the key proved valid: a wrong key naming a real key's id
 * must not use up that key's budget.
 */
@Component
class ApiLimits {

    /** The two budgets: what an issuer sends thousands of a second, and everything else. */
    enum Path {
        /** POST /api/v1/authorizations and /api/v1/fraud-labels, GET /api/v1/ping (the load test's baseline). */
        SCORING,
        OTHER;

        static Path of(HttpServletRequest request) {
            String uri = request.getRequestURI();
            String method = request.getMethod();
            boolean scoring = "POST".equals(method)
                    && ("/api/v1/authorizations".equals(uri) || "/api/v1/fraud-labels".equals(uri))
                    || "GET".equals(method) && "/api/v1/ping".equals(uri);
            return scoring ? SCORING : OTHER;
        }

        String resource() {
            return this == SCORING ? "api/scoring" : "api/other";
        }
    }

    private final TokenBuckets scoringPerAddress;
    private final TokenBuckets scoringPerKey;
    private final TokenBuckets otherPerAddress;
    private final TokenBuckets otherPerKey;
    private final TokenBuckets refusalsPerAddress;

    ApiLimits(LimitProperties limits, Clock clock) {
        int max = limits.maxTrackedSubjects();
        // The application's clock, like the sign-in limits and the keys' expiry.
        TimeMeter time = new ClockTime(clock);
        this.scoringPerAddress = new TokenBuckets(limits.apiScoringPerAddress(), max, time);
        this.scoringPerKey = new TokenBuckets(limits.apiScoringPerKey(), max, time);
        this.otherPerAddress = new TokenBuckets(limits.apiOtherPerAddress(), max, time);
        this.otherPerKey = new TokenBuckets(limits.apiOtherPerKey(), max, time);
        this.refusalsPerAddress = new TokenBuckets(limits.apiRefusalsPerAddress(), max, time);
    }

    long fromAddress(Path path, String address) {
        return (path == Path.SCORING ? scoringPerAddress : otherPerAddress).take(address);
    }

    long forKey(Path path, String keyId) {
        return (path == Path.SCORING ? scoringPerKey : otherPerKey).take(keyId);
    }

    long refusedKey(String address) {
        return refusalsPerAddress.take(address);
    }
}
