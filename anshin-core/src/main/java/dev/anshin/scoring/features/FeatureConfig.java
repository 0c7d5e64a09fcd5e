package dev.anshin.scoring.features;

import java.time.Duration;

/**
 * Settings of the feature engine.
 *
 * @param labelDelay  how long after a transaction its label is expected to be known; label-based
 *                    risk windows end this long before the scored transaction (the Handbook uses 7 days)
 * @param idleEviction state of a key (card, terminal, merchant, device) untouched this long is evicted
 */
public record FeatureConfig(Duration labelDelay, Duration idleEviction) {

    public static FeatureConfig defaults() {
        return new FeatureConfig(Duration.ofDays(7), Duration.ofDays(60));
    }
}
