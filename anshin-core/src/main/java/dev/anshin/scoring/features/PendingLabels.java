package dev.anshin.scoring.features;

import dev.anshin.scoring.FraudLabel;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Labels not yet known to a replay: every replay of history (backtest, training, the server's
 * start-up, benchmarks) hands each label to the feature engine only once the replay reaches the
 * label's {@code knownAt}, which is what keeps replayed features point-in-time correct.
 * Not thread-safe: one replay owns it.
 */
public final class PendingLabels {

    private final PriorityQueue<FraudLabel> queue = new PriorityQueue<>(Comparator.comparing(FraudLabel::knownAt));

    public void add(FraudLabel label) {
        queue.add(label);
    }

    /** Teaches {@code engine} every label known at or before {@code time}; returns how many. */
    public int deliverUpTo(Instant time, FeatureEngine engine) {
        int delivered = 0;
        while (!queue.isEmpty() && !queue.peek().knownAt().isAfter(time)) {
            engine.learn(queue.poll());
            delivered++;
        }
        return delivered;
    }

    /** Teaches {@code engine} every label still waiting; returns how many. */
    public int deliverAll(FeatureEngine engine) {
        int delivered = queue.size();
        while (!queue.isEmpty()) {
            engine.learn(queue.poll());
        }
        return delivered;
    }
}
