package dev.anshin.notifications;

import dev.anshin.fraud.DecisionsIndexedListener;
import dev.anshin.fraud.StoredDecision;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where usage notifications begin: each batch of decisions going into the database is added to
 * the outbox in the same transaction, and, once committed, pushed to the live feed. With no
 * {@link NotificationSender} nothing is added: nobody would send those rows, and a sender deployed
 * months later must not start with months of stale "your card was used".
 */
@Component
class AuthorizationsToNotify implements DecisionsIndexedListener {

    private final UsageOutbox outbox;
    private final UsageFeed feed;
    private final boolean sending;

    AuthorizationsToNotify(UsageOutbox outbox, UsageFeed feed, ObjectProvider<NotificationSender> senders) {
        this.outbox = outbox;
        this.feed = feed;
        this.sending = senders.getIfAvailable() != null;
    }

    @Override
    public void inserting(List<StoredDecision> batch) {
        if (sending) {
            outbox.record(batch);
        }
    }

    @Override
    public void committed(List<StoredDecision> batch) {
        feed.publish(batch);
    }
}
