package dev.anshin.fraud;

import dev.anshin.scoring.ScoringEngine;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the feature state's memory bounded: every {@code anshin.fraud.eviction-interval} the state
 * of keys idle for longer than {@code anshin.fraud.idle-eviction} is dropped. A key that comes back
 * starts from empty history, as a new card or terminal would.
 */
@Component
class FeatureStateEviction implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeatureStateEviction.class);

    private final ScoringEngine engine;
    private final Clock clock;
    private final FraudProperties properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "feature-eviction");
        thread.setDaemon(true);
        return thread;
    });

    FeatureStateEviction(ScoringEngine engine, Clock clock, FraudProperties properties) {
        this.engine = engine;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        long every = properties.evictionInterval().toMillis();
        timer.scheduleWithFixedDelay(this::evict, every, every, TimeUnit.MILLISECONDS);
    }

    /** Drops idle state now; returns how many keys were dropped. */
    int evict() {
        try {
            int evicted = engine.features().evictIdle(clock.instant());
            if (evicted > 0) {
                log.info("Evicted the feature state of {} idle keys; {} keys held", evicted,
                        engine.features().trackedKeys());
            }
            return evicted;
        } catch (RuntimeException e) {
            // The timer must survive a failed run, or memory would stop being bounded.
            log.warn("Feature state eviction failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
