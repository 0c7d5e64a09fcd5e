package dev.anshin.fraud;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@link DecisionsIndexedListener}, called in turn; a failing {@code committed} never stops indexing. */
final class IndexedListeners {

    private static final Logger log = LoggerFactory.getLogger(IndexedListeners.class);

    static final IndexedListeners NONE = new IndexedListeners(List.of(), null);

    private final List<DecisionsIndexedListener> listeners;
    /** Runs each listener in a savepoint of the inserting transaction; null runs it directly. */
    private final TransactionTemplate savepoints;

    IndexedListeners(List<DecisionsIndexedListener> listeners, TransactionTemplate savepoints) {
        this.listeners = List.copyOf(listeners);
        this.savepoints = savepoints;
    }

    /** A template that runs its work in a savepoint of the caller's transaction. */
    static TransactionTemplate savepoints(TransactionTemplate transactions) {
        TransactionTemplate nested = new TransactionTemplate(transactions.getTransactionManager());
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return nested;
    }

    /**
     * In the inserting transaction, each listener in a savepoint of its own: a failing listener loses
     * only its own writes (logged), never the authorizations, so that notifications can never stop
     * scoring.
     */
    void inserting(List<StoredDecision> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (DecisionsIndexedListener listener : listeners) {
            try {
                if (savepoints == null) {
                    listener.inserting(batch);
                } else {
                    savepoints.executeWithoutResult(status -> listener.inserting(batch));
                }
            } catch (RuntimeException e) {
                log.warn("{} failed while {} decisions were indexed; they are stored without it: {}",
                        listener.getClass().getSimpleName(), batch.size(), e.toString());
            }
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
