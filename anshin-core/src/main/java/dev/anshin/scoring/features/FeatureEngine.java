package dev.anshin.scoring.features;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.FraudLabel;
import java.time.Instant;

/**
 * Point-in-time feature computation over card, terminal, merchant and device history. The same
 * instance type runs online (server) and in backtests. Thread-safe.
 */
public final class FeatureEngine {

    private final FeatureConfig config;

    public FeatureEngine(FeatureConfig config) {
        this.config = config;
    }

    public FeatureConfig config() {
        return config;
    }

    /** The features this engine computes, in order. */
    public static FeatureSchema schema() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Computes the features of {@code authorization} from what was known at its timestamp (the
     * current transaction included in its own counts), then records it as history.
     */
    public FeatureVector observe(Authorization authorization) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Makes a label known; it affects features of transactions at or after {@code label.knownAt()}. */
    public void learn(FraudLabel label) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Drops state of keys idle for longer than the configured eviction; returns how many were dropped. */
    public int evictIdle(Instant now) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Number of keys (cards, terminals, merchants, devices) currently held. */
    public int trackedKeys() {
        throw new UnsupportedOperationException("TODO");
    }
}
