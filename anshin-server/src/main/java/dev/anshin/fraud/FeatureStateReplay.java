package dev.anshin.fraud;

import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.PendingLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the in-memory feature state at startup by replaying the stored authorizations of the
 * replay window and their labels in time order, before the server takes traffic. Labels are
 * interleaved by the time they became known, exactly as they reached the engine live.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class FeatureStateReplay implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FeatureStateReplay.class);

    private final ScoringEngine engine;
    private final Decisions decisions;
    private final FraudLabels labels;
    private final DecisionStatistics statistics;
    private final FraudProperties properties;
    private final Clock clock;
    private final PaymentDataConversion conversion;

    FeatureStateReplay(ScoringEngine engine, Decisions decisions, FraudLabels labels, DecisionStatistics statistics,
            FraudProperties properties, Clock clock, PaymentDataConversion conversion) {
        this.conversion = conversion;
        this.engine = engine;
        this.decisions = decisions;
        this.labels = labels;
        this.statistics = statistics;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Rows stored before device data was pseudonymized are converted first: the feature state is keyed
        // by pseudonyms, live and replayed alike.
        conversion.convert();
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant from = now.minus(properties.replayWindow());
        PendingLabels pending = new PendingLabels();
        labels.forEachFirstLabel(from, pending::add);
        int[] counts = new int[2];
        Instant recentFrom = now.minus(DecisionStatistics.window());
        // Timestamps in the future are replayed too: the window's end is open.
        decisions.forEachOccurred(from, now.plus(Duration.ofDays(3650)), stored -> {
            Instant at = stored.authorization().timestamp();
            counts[1] += pending.deliverUpTo(at, engine.features());
            engine.features().observe(stored.authorization());
            counts[0]++;
            if (!stored.decidedAt().isBefore(recentFrom)) {
                statistics.record(stored);
            }
        });
        counts[1] += pending.deliverAll(engine.features());
        log.info("Replayed {} authorizations and {} labels into the feature state in {} ms", counts[0], counts[1],
                (System.nanoTime() - started) / 1_000_000);
    }
}
