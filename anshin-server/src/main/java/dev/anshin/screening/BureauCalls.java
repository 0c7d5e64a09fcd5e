package dev.anshin.screening;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Calls the bureau on threads of its own and waits at most {@code anshin.screening.bureau-timeout}, so a
 * hanging bureau holds no request thread longer than that. No answer in time, a failure, or too many
 * calls waiting already: empty, and the screening refers the application (never approves it). Only
 * the failure's code or kind is logged, never a message (an adapter's could hold personal data).
 */
@Component
class BureauCalls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BureauCalls.class);

    private final CreditBureau bureau;
    private final Duration timeout;
    private final ThreadPoolExecutor threads;

    BureauCalls(CreditBureau bureau, ScreeningProperties properties) {
        this.bureau = bureau;
        this.timeout = properties.bureauTimeout();
        this.threads = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "credit-bureau");
            thread.setDaemon(true);
            return thread;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /** The report, or empty when the bureau did not answer in time or failed. */
    Optional<BureauReport> inquire(CreditBureau.BureauInquiry inquiry) {
        Future<BureauReport> call;
        try {
            call = threads.submit(() -> bureau.inquire(inquiry));
        } catch (RejectedExecutionException e) {
            log.warn("Credit bureau inquiry not made: {} inquiries already waiting", threads.getQueue().size());
            return Optional.empty();
        }
        try {
            return Optional.of(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            log.warn("Credit bureau did not answer within {}", timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.warn("Credit bureau failed: {}", cause instanceof CreditBureau.Unavailable unavailable
                    ? unavailable.code() : cause.getClass().getName());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
