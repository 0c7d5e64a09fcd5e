package dev.anshin.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Records refusals that anyone outside can cause at will — wrong API keys, failed sign-ins, unknown
 * login ids, requests over a rate limit — without letting a flood of them grow the audit chain
 * (one serialized chain, kept a year) without bound.
 *
 * <p>Within a window ({@code anshin.audit.refusals.window}, a minute by default), the first refusal
 * of each source (the same actor, action, resource, outcome, origin and detail) is recorded at once, as
 * before; its repeats are only counted, and when the window closes one summary entry per source
 * says how many there were. At most {@code sources-per-window} sources are recorded individually
 * per window; refusals of further sources are counted into one entry per action and outcome. So
 * whatever arrives, one instance writes at most {@code 2 × sources-per-window} entries per window,
 * plus one per kind of refusal that overflowed (at most {@value #MAX_OVERFLOW_KINDS} kinds, the rest
 * counted together per outcome): with the defaults about 220 a minute. Every refusal is still
 * counted in the trail.
 */
@Component
public class RefusalAudit implements InitializingBean, DisposableBean {

    /** Refusal kinds (action and outcome) counted apart when their sources overflow; the rest share one. */
    static final int MAX_OVERFLOW_KINDS = 16;

    private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);

    /** Settings of the aggregation. */
    @ConfigurationProperties("anshin.audit.refusals")
    record Settings(@DefaultValue("1m") Duration window, @DefaultValue("100") int sourcesPerWindow) {

        Settings {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("anshin.audit.refusals.window must be positive");
            }
            if (sourcesPerWindow < 1) {
                throw new IllegalArgumentException("anshin.audit.refusals.sources-per-window must be at least 1");
            }
        }
    }

    private record Source(String actor, String action, String resource, AuditOutcome outcome, String origin,
            String detail) {

        static Source of(AuditEvent event) {
            return new Source(event.actor(), event.action(), event.resource(), event.outcome(), event.origin(),
                    event.detail());
        }
    }

    private record Kind(String action, AuditOutcome outcome) {
    }

    /** One window's counts: repeats per source recorded individually, and refusals beyond the cap per kind. */
    private static final class Window {

        final Instant start;
        final Map<Source, LongAdder> repeats = new ConcurrentHashMap<>();
        final AtomicInteger sources = new AtomicInteger();
        final Map<Kind, LongAdder> overflow = new ConcurrentHashMap<>();

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Consumer<AuditEvent> sink;
    private final Clock clock;
    private final Settings settings;
    /** Refusals share the read side; closing a window takes the write side, so no count falls between two windows. */
    private final ReadWriteLock windows = new ReentrantReadWriteLock();
    private volatile Window current;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "audit-refusals");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    RefusalAudit(AuditLog audit, Clock clock, Settings settings) {
        this((Consumer<AuditEvent>) audit::record, clock, settings);
    }

    /** With any sink of entries, for tests. */
    RefusalAudit(Consumer<AuditEvent> sink, Clock clock, Settings settings) {
        this.sink = sink;
        this.clock = clock;
        this.settings = settings;
        this.current = new Window(clock.instant());
    }

    @Override
    public void afterPropertiesSet() {
        long every = settings.window().toMillis();
        timer.scheduleWithFixedDelay(this::flushSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Records a refusal: at once if it is the first of its source in this window, otherwise counted
     * into the window's summary. Its detail is part of the source, so it must not vary from one
     * request to the next (a reason, not a counter or a time). Never throws: the refusal stands either way, and a missing entry is
     * an operational alarm (logged), not the refused party's problem.
     */
    public void refused(AuditEvent event) {
        Source source = Source.of(event);
        windows.readLock().lock();
        try {
            Window window = current;
            LongAdder seen = window.repeats.get(source);
            if (seen != null) {
                seen.increment();
                return;
            }
            if (window.sources.incrementAndGet() > settings.sourcesPerWindow()) {
                window.sources.decrementAndGet();
                Kind kind = window.overflow.size() < MAX_OVERFLOW_KINDS || window.overflow.containsKey(kindOf(event))
                        ? kindOf(event) : new Kind("(other refusals)", event.outcome());
                window.overflow.computeIfAbsent(kind, k -> new LongAdder()).increment();
                return;
            }
            LongAdder raced = window.repeats.putIfAbsent(source, new LongAdder());
            if (raced != null) {
                window.sources.decrementAndGet();
                raced.increment();
                return;
            }
            write(event);
        } finally {
            windows.readLock().unlock();
        }
    }

    private static Kind kindOf(AuditEvent event) {
        return new Kind(event.action(), event.outcome());
    }

    /**
     * Closes the current window: writes one summary per source that repeated and one per kind of
     * refusal beyond the cap. Returns how many entries it wrote.
     */
    public int flush() {
        Window closed;
        windows.writeLock().lock();
        try {
            closed = current;
            current = new Window(clock.instant());
        } finally {
            windows.writeLock().unlock();
        }
        Instant end = current.start;
        String window = " between " + closed.start.truncatedTo(ChronoUnit.MILLIS) + " and "
                + end.truncatedTo(ChronoUnit.MILLIS);
        int written = 0;
        for (Map.Entry<Source, LongAdder> repeated : closed.repeats.entrySet()) {
            long count = repeated.getValue().sum();
            if (count > 0) {
                Source s = repeated.getKey();
                written += write(new AuditEvent(s.actor(), s.action(), s.resource(), null, s.outcome(), s.origin(),
                        AuditEvent.fit("summary: " + count + " more like the entry recorded individually" + window
                                + (s.detail() == null ? "" : " (" + s.detail() + ")"), AuditEvent.MAX_DETAIL))) ? 1 : 0;
            }
        }
        for (Map.Entry<Kind, LongAdder> beyond : closed.overflow.entrySet()) {
            Kind kind = beyond.getKey();
            written += write(new AuditEvent("(many)", kind.action(), "(many)", null, kind.outcome(), null,
                    "summary: " + beyond.getValue().sum() + " more from sources beyond the first "
                            + settings.sourcesPerWindow() + " recorded individually" + window)) ? 1 : 0;
        }
        return written;
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("could not write the summary of refusals to the audit log: {}", e.toString());
        }
    }

    private boolean write(AuditEvent event) {
        try {
            sink.accept(event);
            return true;
        } catch (RuntimeException e) {
            log.error("could not record a refusal in the audit log: {}", e.toString());
            return false;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        // What the last window counted is written before the database goes away.
        flushSafely();
    }
}
