package dev.anshin.notifications;

import dev.anshin.portal.Cardholder;
import dev.anshin.portal.PortalAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import dev.anshin.fraud.StoredDecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live feed of this instance: the open server-sent-event streams of signed-in cardholders, by
 * customer, each told of its customer's new authorizations as soon as they are committed. Delivery
 * runs on its own thread, so a slow browser never holds up the indexer; when that thread falls far
 * behind, batches are dropped (the page shows them at its next load; the outbox is not affected).
 * At most {@code max-subscribers} streams per customer (the oldest is closed); a heartbeat comment
 * every {@code heartbeat} finds connections that went away.
 *
 * <p>One instance's streams only: with several instances behind a load balancer, a cardholder's
 * stream sees what the instance it is connected to indexed (docs/notifications.md).
 *
 * <p>On shutdown the streams are ended first ({@link #stop}, a lifecycle phase stopped before the web server's
 * graceful shutdown), while their responses are still open: otherwise the graceful shutdown waits its whole
 * timeout for them, and completing them afterwards finds responses the server has already recycled.
 */
@Component
class UsageFeed implements InitializingBean, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageFeed.class);
    private static final int QUEUED_BATCHES = 1_000;
    private static final long RECONNECT_MILLIS = 3_000;

    /**
     * An open stream, with the sign-in it was opened by (it ends when that does), and its own queue of
     * events: written by the writer pool one subscriber at a time, so that a browser that stops
     * reading holds up only itself (and is dropped once {@link #MAX_QUEUED} events wait for it).
     */
    private static final class Subscriber {
        final SseEmitter emitter;
        final Locale locale;
        final Cardholder cardholder;
        final String sessionId;
        final java.util.concurrent.ConcurrentLinkedQueue<SseEmitter.SseEventBuilder> queued =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean();

        Subscriber(SseEmitter emitter, Locale locale, Cardholder cardholder, String sessionId) {
            this.emitter = emitter;
            this.locale = locale;
            this.cardholder = cardholder;
            this.sessionId = sessionId;
        }

        SseEmitter emitter() {
            return emitter;
        }

        Locale locale() {
            return locale;
        }

        Cardholder cardholder() {
            return cardholder;
        }

        String sessionId() {
            return sessionId;
        }
    }

    /** Events waiting for one slow browser before it is dropped (it reconnects and reloads). */
    private static final int MAX_QUEUED = 256;
    private final ExecutorService writers = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "usage-feed-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, CopyOnWriteArrayList<Subscriber>> byCustomer = new ConcurrentHashMap<>();
    private final UsageMessages messages;
    private final PortalAccounts accounts;
    private final JsonMapper json;
    private final NotificationProperties properties;
    private final ThreadPoolExecutor delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUED_BATCHES), r -> {
                Thread thread = new Thread(r, "usage-feed");
                thread.setDaemon(true);
                return thread;
            });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "usage-feed-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean running;

    UsageFeed(UsageMessages messages, PortalAccounts accounts, JsonMapper json, NotificationProperties properties) {
        this.messages = messages;
        this.accounts = accounts;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        long every = properties.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            if (!byCustomer.isEmpty()) {
                try {
                    delivery.execute(this::beat);
                } catch (RejectedExecutionException behind) {
                    // Deliveries are queued: they will show whether the connections are alive.
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream for this signed-in cardholder and session, its rows in this language. */
    SseEmitter subscribe(Cardholder cardholder, String sessionId, Locale locale) {
        String customerId = cardholder.customerId();
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Subscriber subscriber = new Subscriber(emitter, locale, cardholder, sessionId);
        if (!running) {
            emitter.complete(); // shutting down: the browser reconnects, to another instance or after the restart
            return emitter;
        }
        List<Subscriber> evicted = new ArrayList<>();
        byCustomer.compute(customerId, (id, list) -> {
            CopyOnWriteArrayList<Subscriber> subscribers = list == null ? new CopyOnWriteArrayList<>() : list;
            subscribers.add(subscriber);
            while (subscribers.size() > Math.max(1, properties.maxSubscribers())) {
                evicted.add(subscribers.remove(0));
            }
            return subscribers;
        });
        evicted.forEach(old -> old.emitter().complete());
        Runnable remove = () -> unsubscribe(customerId, subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            // Something at once: the response (and the browser's "open") would otherwise wait for the
            // first event or heartbeat. Also tells the browser to reconnect after 3 s.
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT_MILLIS));
        } catch (IOException | IllegalStateException gone) {
            unsubscribe(customerId, subscriber);
        }
        return emitter;
    }

    private void unsubscribe(String customerId, Subscriber subscriber) {
        byCustomer.computeIfPresent(customerId, (id, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }

    /** Open streams of this customer on this instance. */
    int subscribers(String customerId) {
        List<Subscriber> list = byCustomer.get(customerId);
        return list == null ? 0 : list.size();
    }

    /** Hands newly committed decisions to the delivery thread; returns at once. */
    void publish(List<StoredDecision> batch) {
        if (byCustomer.isEmpty()) {
            return; // nobody is watching: no work at all
        }
        try {
            delivery.execute(() -> {
                try {
                    deliver(batch);
                } catch (RuntimeException e) {
                    log.warn("Could not show {} authorizations live: {}", batch.size(), e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("The live usage feed is {} batches behind; {} authorizations not shown live", QUEUED_BATCHES,
                    batch.size());
        }
    }

    private void deliver(List<StoredDecision> batch) {
        for (StoredDecision decision : batch) {
            Optional<String> customer = messages.customerOf(decision.authorization().cardToken());
            List<Subscriber> subscribers = customer.map(byCustomer::get).orElse(null);
            if (subscribers == null) {
                continue;
            }
            UsageMessage message = messages.of(decision);
            for (Subscriber subscriber : subscribers) {
                send(customer.get(), subscriber, SseEmitter.event().name("usage").id(decision.authorizationId())
                        .data(json.writeValueAsString(message.view(subscriber.locale()))));
            }
        }
    }

    /**
     * Keeps idle streams open, and ends those whose account no longer stands (replaced after a
     * suspected takeover, disabled, erased): a stream is checked only when it opens, so without this
     * an open tab would go on showing a cardholder's purchases to whoever holds it.
     */
    private void beat() {
        byCustomer.forEach((customer, subscribers) -> subscribers.forEach(subscriber -> {
            if (accounts.stillValid(subscriber.cardholder())) {
                send(customer, subscriber, SseEmitter.event().comment("keep-alive"));
            } else {
                close(customer, subscriber);
            }
        }));
    }

    /** A signed-out or expired session's streams end with it. */
    @EventListener
    void onSessionEnded(HttpSessionDestroyedEvent ended) {
        String sessionId = ended.getId();
        byCustomer.forEach((customer, subscribers) -> subscribers.stream()
                .filter(subscriber -> sessionId.equals(subscriber.sessionId()))
                .forEach(subscriber -> close(customer, subscriber)));
    }

    private void close(String customerId, Subscriber subscriber) {
        unsubscribe(customerId, subscriber);
        try {
            subscriber.emitter().complete();
        } catch (IllegalStateException alreadyDone) {
            // ended meanwhile
        }
    }

    /** Queues an event for the subscriber; its writes happen in order on the writer pool. */
    private void send(String customerId, Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        if (subscriber.size.incrementAndGet() > MAX_QUEUED) {
            log.info("A live usage stream fell {} events behind; closed (the browser reconnects)", MAX_QUEUED);
            unsubscribe(customerId, subscriber);
            subscriber.emitter().completeWithError(new IOException("too slow"));
            return;
        }
        subscriber.queued.add(event);
        write(customerId, subscriber);
    }

    private void write(String customerId, Subscriber subscriber) {
        if (!subscriber.writing.compareAndSet(false, true)) {
            return; // a writer is at it and will take this event too
        }
        try {
            writers.execute(() -> {
                try {
                    SseEmitter.SseEventBuilder next;
                    while ((next = subscriber.queued.poll()) != null) {
                        subscriber.size.decrementAndGet();
                        subscriber.emitter().send(next);
                    }
                } catch (IOException | IllegalStateException gone) {
                    // The browser went away (or the stream ended): forget it.
                    unsubscribe(customerId, subscriber);
                    subscriber.queued.clear();
                    subscriber.emitter().completeWithError(gone);
                } finally {
                    subscriber.writing.set(false);
                    if (!subscriber.queued.isEmpty()) {
                        write(customerId, subscriber);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            subscriber.writing.set(false);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream now, before the web server stops taking and finishing requests. */
    @Override
    public void stop() {
        running = false;
        byCustomer.forEach((customer, subscribers) -> subscribers.forEach(subscriber -> close(customer, subscriber)));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown (a lower phase), so that it has no stream to wait for. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        running = false;
        heartbeat.shutdownNow();
        delivery.shutdownNow();
        writers.shutdownNow();
        // Normally none left (stop ended them); a response recycled meanwhile cannot be completed any more.
        byCustomer.forEach((customer, subscribers) -> subscribers.forEach(subscriber -> close(customer, subscriber)));
        byCustomer.clear();
    }
}
