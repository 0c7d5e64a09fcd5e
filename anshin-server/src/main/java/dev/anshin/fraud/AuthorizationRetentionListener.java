package dev.anshin.fraud;

import java.util.List;
import java.util.Set;

/**
 * Told of authorizations about to be deleted because their retention period has passed ({@link AuthorizationRetention}),
 * for modules that keep rows referring to them (disputes, device frauds, notifications) without the fraud module
 * knowing them. Implementations are Spring beans; the fraud module finds them all.
 *
 * <p>Both calls run inside the transaction that deletes the authorizations: an exception rolls the whole batch back
 * (nothing is deleted half-way) and the retention job records the failure; the next run tries again.
 */
public interface AuthorizationRetentionListener {

    /**
     * Of these authorizations, past their period, those this module still needs whole (an open dispute): they are
     * kept, with their labels, and asked about again at the next run.
     */
    default Set<String> stillNeeded(List<String> authorizationIds) {
        return Set.of();
    }

    /**
     * These authorizations are deleted next, in this transaction: delete or anonymize what refers to them. None of
     * them is one any listener still needs. Must be safe to repeat (a rolled-back batch comes again).
     */
    void leaving(List<String> authorizationIds);
}
