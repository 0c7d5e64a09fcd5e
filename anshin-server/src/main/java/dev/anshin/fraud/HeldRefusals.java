package dev.anshin.fraud;

import dev.anshin.problems.RetryLater;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Refusals of the admission stage ({@link Admission.Refused}: 429 {@code overloaded}, and 503
 * {@code unavailable} while the decision log cannot record) answered at the authorization's deadline
 * rather than at once, without a request thread held while they wait.
 *
 * <p>Why: a client that retries a refused authorization at once (a card network's retry loop, a
 * load balancer's, a naive integration) turns instant refusals into the server's main work. Reading,
 * authenticating and answering a request costs about as much CPU as scoring it, so a hundred
 * connections looping on refusals take the two processors from the eight scoring slots, and the
 * authorizations decided per second fall to a few percent of capacity (docs/benchmarks.md, issue 13).
 * Answered at its deadline, a refusal comes when the client could no longer have used a decision
 * anyway, each looping connection costs one request per deadline instead of thousands a second, and
 * the processors stay with the work that can still be answered in time. The same holds for a
 * decision log that is full because the database indexes more slowly than requests come (the
 * embedded H2 under overload): answered at once, those 503s (each closing its connection) took the
 * processors from the indexer that would have emptied the log. Nothing is scored or stored
 * for a held refusal, and no thread waits for it: the request is suspended (Servlet async) and a
 * timer answers it. Clients that honour {@code Retry-After} see no difference but the timing.
 *
 * <p>{@code anshin.fraud.admission.answer-refusals=AT_ONCE} answers at once instead (for a client
 * that falls back to its own stand-in processing and gains from knowing early).
 */
@Component
class HeldRefusals implements DisposableBean {

    private final boolean hold;
    private final long deadlineNanos;
    private final ScheduledThreadPoolExecutor timer;
    /** Each refusal still held, with what answers it. */
    private final Map<DeferredResult<Void>, Runnable> pending = new ConcurrentHashMap<>();

    HeldRefusals(FraudProperties properties, MeterRegistry metrics) {
        FraudProperties.AdmissionSettings settings = properties.admission();
        this.hold = settings.answerRefusals() == FraudProperties.RefusalTiming.AT_DEADLINE;
        this.deadlineNanos = settings.deadline().toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "anshin-held-refusals");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("anshin.admission.refusals.held", pending::size)
                .description("Refused authorizations waiting for their deadline to be answered").register(metrics);
    }

    /**
     * The answer to an authorization refused for overload whose body was read at {@code arrivalNanos}
     * ({@link System#nanoTime()}): the refusal, sent when the deadline counted from then has passed.
     *
     * @throws RetryLater the refusal itself, at once, when its deadline has already passed or
     *                    refusals are answered at once
     */
    DeferredResult<Void> answer(RetryLater refusal, long arrivalNanos) {
        long delay = arrivalNanos + deadlineNanos - System.nanoTime();
        if (!hold || delay <= 0) {
            throw refusal;
        }
        // The timeout only backs up the timer (it cannot fire first): the refusal is the answer either way.
        DeferredResult<Void> result = new DeferredResult<>(TimeUnit.NANOSECONDS.toMillis(delay) + 30_000L);
        Runnable answer = () -> {
            if (pending.remove(result) != null) {
                result.setErrorResult(refusal);
            }
        };
        result.onTimeout(answer);
        pending.put(result, answer);
        try {
            timer.schedule(answer, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // Shutting down: answered at once, like the refusals still held.
            pending.remove(result);
            throw refusal;
        }
        return result;
    }

    /** Refusals waiting for their deadline now. */
    int held() {
        return pending.size();
    }

    /** At shutdown the refusals still held are answered at once, so none waits for its timeout. */
    @Override
    public void destroy() {
        // A delayed task is dropped, not run, once its executor shuts down: the answers are run here.
        timer.shutdownNow();
        for (Runnable answer : List.copyOf(pending.values())) {
            try {
                answer.run();
            } catch (RuntimeException requestGone) {
                // The client's request was already recycled: nothing to answer, and the others still are.
            }
        }
    }
}
