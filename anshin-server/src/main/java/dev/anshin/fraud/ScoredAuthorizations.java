package dev.anshin.fraud;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Scored authorizations for other modules, including those just answered and not yet in the
 * database (the journal indexes them within a fraction of a second).
 */
@Component
public class ScoredAuthorizations {

    private final DecisionJournal journal;

    ScoredAuthorizations(DecisionJournal journal) {
        this.journal = journal;
    }

    /** The decision stored for this authorization id, from memory or the database. */
    public Optional<StoredDecision> find(String authorizationId) {
        return journal.find(authorizationId);
    }

    /**
     * Waits until the authorization's row is in the database, for a write that refers to it. False
     * if that did not happen within {@code timeout}.
     */
    public boolean awaitStored(String authorizationId, Duration timeout) {
        try {
            return journal.awaitIndexed(authorizationId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
