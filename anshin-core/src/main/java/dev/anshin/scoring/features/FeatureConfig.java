package dev.anshin.scoring.features;

import dev.anshin.scoring.AmountCeiling;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the feature engine.
 *
 * @param labelDelay  how long after a transaction its label is expected to be known; label-based
 *                    risk windows end this long before the scored transaction (the Handbook uses 7 days)
 * @param idleEviction state of a key (card, terminal, merchant, device) untouched this long is evicted
 * @param amountCeiling an authorization above its currency's ceiling is scored with the ceiling as
 *                    its amount and left out of all history (see {@link FeatureEngine#observe})
 */
public record FeatureConfig(Duration labelDelay, Duration idleEviction, AmountCeiling amountCeiling) {

    public FeatureConfig {
        Objects.requireNonNull(amountCeiling, "amountCeiling");
    }

    /** With only the card networks' bound on amounts (ISO 8583 DE4). */
    public FeatureConfig(Duration labelDelay, Duration idleEviction) {
        this(labelDelay, idleEviction, AmountCeiling.networkMaximum());
    }

    public static FeatureConfig defaults() {
        return new FeatureConfig(Duration.ofDays(7), Duration.ofDays(60));
    }
}
