package dev.anshin.devices;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Picks the known device an observation comes from: the most similar candidate at or above the
 * threshold (on a tie, the one seen last), or none, and the observation makes a new device. The
 * candidates are the devices sharing a blocking key with it ({@link DeviceProfile#blockingKeys}),
 * never all devices.
 */
final class DeviceMatcher {

    /**
     * Chosen on the synthetic population (docs/benchmarks.md, "Device matching"): the threshold where
     * false matches between different devices stop falling faster than recognition does.
     */
    static final double DEFAULT_THRESHOLD = 0.90;

    /** A known device as the matcher sees it. */
    record Candidate(String deviceId, DeviceProfile profile, Instant lastSeenAt) {
    }

    record Match(String deviceId, double similarity) {
    }

    private final double threshold;

    DeviceMatcher(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the matching threshold is in (0, 1]");
        }
        this.threshold = threshold;
    }

    Optional<Match> match(DeviceProfile observed, Collection<Candidate> candidates) {
        Candidate best = null;
        double bestSimilarity = -1;
        for (Candidate candidate : candidates) {
            double similarity = Similarity.of(observed, candidate.profile());
            if (similarity > bestSimilarity || similarity == bestSimilarity && best != null
                    && candidate.lastSeenAt().isAfter(best.lastSeenAt())) {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        return best != null && bestSimilarity >= threshold
                ? Optional.of(new Match(best.deviceId(), bestSimilarity)) : Optional.empty();
    }

    double threshold() {
        return threshold;
    }
}
