package dev.anshin.problems;

import java.time.Duration;
import java.util.List;

/**
 * A request refused for a passing reason (overload, a database or disk that is down): answered
 * with its problem and a {@code Retry-After} header, so that well-behaved clients back off instead
 * of retrying at once.
 */
public class RetryLater extends RequestProblem {

    private final Duration retryAfter;

    public RetryLater(ProblemType type, String detail, Duration retryAfter) {
        super(type, detail, List.of());
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The header's value: whole seconds, rounded up, at least 1. */
    public static String seconds(Duration retryAfter) {
        long millis = Math.max(1, retryAfter.toMillis());
        return Long.toString((millis + 999) / 1000);
    }
}
