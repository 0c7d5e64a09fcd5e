package dev.anshin.notifications;

import dev.anshin.fraud.DecisionsIndexedListener;
import dev.anshin.fraud.StoredDecision;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where usage notifications begin: each batch of decisions going into the database is added to
 * the outbox in the same transaction, and, once committed, pushed to the live feed.
 */
@Component
class AuthorizationsToNotify implements DecisionsIndexedListener {

    private final UsageOutbox outbox;
    private final UsageFeed feed;

    AuthorizationsToNotify(UsageOutbox outbox, UsageFeed feed) {
        this.outbox = outbox;
        this.feed = feed;
    }

    @Override
    public void inserting(List<StoredDecision> batch) {
        outbox.record(batch);
    }

    @Override
    public void committed(List<StoredDecision> batch) {
        feed.publish(batch);
    }
}
