package dev.anshin.problems;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One log line per interval for an event that comes in floods (a request refused while the
 * database is away, a decision waiting for room): the first event of an interval is logged at once
 * with the number of events since the previous line, the rest only counted. Under overload a line
 * per request would cost the CPU the server is short of and fill the disk with the same news.
 */
public final class IntervalLog {

    private final Logger log;
    private final long intervalNanos;
    private final String message;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

    /**
     * @param message a WARN message with two placeholders: the number of events since the last line
     *                (this one included), then the detail of this one
     */
    public IntervalLog(Logger log, Duration interval, String message) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.message = message;
    }

    /** Counts one event; logs a line if the interval since the last one has passed. */
    public void record(Object detail) {
        long count = events.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next >= 0 && nextLine.compareAndSet(next, now + intervalNanos)) {
            events.addAndGet(-count);
            log.warn(message, count, detail);
        }
    }
}
