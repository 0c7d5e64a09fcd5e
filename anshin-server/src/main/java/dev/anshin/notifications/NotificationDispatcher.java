package dev.anshin.notifications;

import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: every {@code dispatch-interval} it claims the notifications that are
 * due (a lease of {@code claim-lease}, so a second instance takes other rows, and takes these only
 * if this one died), builds each one's message from its authorization, hands it to the
 * {@link NotificationSender}, and records the outcome: sent, or tried again after a back-off that
 * doubles each time, or given up after {@code max-attempts}. A notification whose authorization
 * happened longer ago than {@code notify-within} is given up unsent ({@code STALE}): news, not history.
 * At least once: a crash between a send and its record sends again when the lease ends.
 */
@Component
class NotificationDispatcher implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);
    /** A claimed row is not sent when less than this is left of its lease. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    private static final int ERROR_LENGTH = 100;

    private final UsageOutbox outbox;
    private final Decisions decisions;
    private final UsageMessages messages;
    private final NotificationSender sender;
    private final NotificationProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "notification-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    NotificationDispatcher(UsageOutbox outbox, Decisions decisions, UsageMessages messages,
            ObjectProvider<NotificationSender> senders, NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.decisions = decisions;
        this.messages = messages;
        this.sender = senders.getIfAvailable();
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (sender == null) {
            log.warn("No NotificationSender: NO NOTICES ARE SENT to cardholders. Usage notifications are not "
                    + "written to the outbox (a sender deployed later starts with new ones only); referred applicants' decisions, setup-link codes and new links, and support "
                    + "reminders are not delivered (retried, then recorded as not sent). Deploy a NotificationSender "
                    + "bean (docs/notifications.md); anshin.notifications.sandbox-sender=true is for the demo and "
                    + "tests only (a log line each, nobody is notified).");
            return;
        }
        log.info("Usage notifications are sent by {}", sender.getClass().getSimpleName());
        long every = properties.dispatchInterval().toMillis();
        timer.scheduleWithFixedDelay(this::dispatchSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void dispatchSafely() {
        try {
            // A full batch means more are waiting: go on at once rather than after the interval.
            while (dispatch() == properties.dispatchBatchSize()) {
                Thread.yield();
            }
        } catch (RuntimeException e) {
            // The timer must survive a failed run (the database restarting): the rows stay due.
            log.warn("Dispatching usage notifications failed: {}", e.toString());
        }
    }

    /** Claims the notifications due now and tries each once; returns how many were claimed. */
    int dispatch() {
        if (sender == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<UsageOutbox.Pending> claimed = outbox.claim(now, now.plus(properties.claimLease()),
                Math.max(1, properties.dispatchBatchSize()));
        for (UsageOutbox.Pending pending : claimed) {
            if (!clock.instant().plus(LEASE_MARGIN).isBefore(pending.leaseEnd())) {
                break; // the rest's lease is (nearly) over: another instance may send them now, not both
            }
            attempt(pending);
        }
        return claimed.size();
    }

    private void attempt(UsageOutbox.Pending pending) {
        int attempt = pending.attempts() + 1;
        Optional<StoredDecision> authorization = decisions.find(pending.authorizationId());
        if (authorization.isEmpty()) {
            // Its authorization is gone (retention): nothing left to say.
            outbox.failed(pending, "AUTHORIZATION_GONE", clock.instant(), null);
            return;
        }
        if (authorization.get().authorization().timestamp().isBefore(clock.instant().minus(properties.notifyWithin()))) {
            // Not news any more (the channel was down for long, rows written before a sender existed).
            outbox.failed(pending, "STALE", clock.instant(), null);
            return;
        }
        UsageNotification notification = new UsageNotification(pending.id(), pending.customerId(),
                pending.cardToken(), messages.of(authorization.get()), attempt);
        try {
            sender.send(notification);
            outbox.sent(pending, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Left claimed: tried again when the lease ends.
        } catch (Exception e) {
            String code = code(e);
            Instant now = clock.instant();
            if (attempt >= properties.maxAttempts()) {
                log.warn("Usage notification {} failed {} times ({}); given up", pending.id(), attempt, code);
                outbox.failed(pending, code, now, null);
            } else {
                Duration wait = backoff(attempt);
                log.info("Usage notification {} failed ({}); attempt {} in {}", pending.id(), code, attempt + 1, wait);
                outbox.failed(pending, code, now, now.plus(wait));
            }
        }
    }

    /** Back-off after the {@code attempt}th failure: the configured one, doubled for each earlier failure. */
    Duration backoff(int attempt) {
        Duration wait = properties.retryBackoff();
        for (int i = 1; i < attempt && wait.compareTo(LONGEST_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    /** The sender's code, or the exception's class: never its message, which could hold an address. */
    private static String code(Exception e) {
        String code = e instanceof NotificationSender.Failure failure && failure.code() != null
                ? failure.code() : e.getClass().getSimpleName();
        return code.length() > ERROR_LENGTH ? code.substring(0, ERROR_LENGTH) : code;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
