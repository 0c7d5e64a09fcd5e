package dev.anshin.fraud;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@link DecisionsIndexedListener}, called in turn; a failing {@code committed} never stops indexing. */
final class IndexedListeners {

    private static final Logger log = LoggerFactory.getLogger(IndexedListeners.class);

    static final IndexedListeners NONE = new IndexedListeners(List.of());

    private final List<DecisionsIndexedListener> listeners;

    IndexedListeners(List<DecisionsIndexedListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** In the inserting transaction: an exception rolls it back. */
    void inserting(List<StoredDecision> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (DecisionsIndexedListener listener : listeners) {
            listener.inserting(batch);
        }
    }

    /**
     * After the commit: an exception is logged, never thrown. Listeners get a copy they may keep
     * (they hand it to other threads; the indexer reuses its list).
     */
    void committed(List<StoredDecision> batch) {
        if (batch.isEmpty() || listeners.isEmpty()) {
            return;
        }
        List<StoredDecision> copy = List.copyOf(batch);
        for (DecisionsIndexedListener listener : listeners) {
            try {
                listener.committed(copy);
            } catch (RuntimeException e) {
                log.warn("{} failed after {} decisions were indexed: {}", listener.getClass().getSimpleName(),
                        batch.size(), e.toString());
            }
        }
    }
}
