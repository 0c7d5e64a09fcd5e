package dev.anshin.problems;

import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Requests answered 503 because the database is away: one log line per 10 s, not one per request. */
@Component
class OutageLog {

    private final IntervalLog lines = new IntervalLog(LoggerFactory.getLogger(OutageLog.class), Duration.ofSeconds(10),
            "Database unavailable: {} requests answered 503 since the last line; latest cause: {}");

    void databaseUnavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lines.record(root.getClass().getSimpleName() + ": " + root.getMessage());
    }
}
