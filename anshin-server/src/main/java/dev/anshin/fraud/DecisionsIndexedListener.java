package dev.anshin.fraud;

import java.util.List;

/**
 * Told of decisions as they go into the database, for modules that act on every authorization
 * (usage notifications) without the fraud module knowing them. Implementations are Spring beans;
 * the fraud module finds them all.
 *
 * <p>Both calls run on the thread that inserts decisions (the decision log's indexer, or the
 * journal's writer with the log off), never on a request's: the answer to the issuer does not wait
 * for them, but the next batch does, so they must be quick.
 */
public interface DecisionsIndexedListener {

    /**
     * Inside the transaction that has just inserted {@code batch} into {@code authorizations}: what
     * is written here commits or rolls back with the decisions (an outbox row is never lost nor
     * without its authorization). Only decisions newly inserted are given, also when the log is
     * replayed after a crash, so each decision comes here at most once per commit; still, writes
     * must be idempotent (a commit whose answer was lost is retried). It runs in a savepoint of its
     * own: an exception rolls back only what this listener wrote (and is logged), the decisions are
     * stored anyway, so a failing listener never stops scoring; what it missed it does not get again.
     * The list is the caller's: it changes after the call.
     */
    default void inserting(List<StoredDecision> batch) {
    }

    /**
     * After that transaction committed. Must not block (hand work off to another thread); an
     * exception is logged and otherwise ignored. The list is the listener's to keep.
     */
    default void committed(List<StoredDecision> batch) {
    }
}
