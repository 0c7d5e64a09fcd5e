package dev.anshin.notifications;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Where the demo's sandbox inbox of a person is, for the pages that say "we sent you a code" or "a link is on its
 * way": the page that stands in for the person's phone and mailbox ({@code /sandbox/inbox/…}, one person's notices
 * only). Only while the {@link SandboxNotificationSender} is the sender in use (the demo, the tests): with a real
 * sender, or none, there is no inbox and {@link #address} is empty, so no page links to one. What it gives away
 * is the sandbox eKYC's "anyone passes": whoever opens a setup link can read its code (docs/notifications.md).
 */
@Service
public class SandboxInboxes {

    /** The inbox pages' path. */
    public static final String PATH = "/sandbox/inbox";

    private final ObjectProvider<NotificationSender> senders;

    SandboxInboxes(ObjectProvider<NotificationSender> senders) {
        this.senders = senders;
    }

    /** The address of the customer's sandbox inbox (a path), when notices go to the sandbox sender. */
    public Optional<String> address(String customerId) {
        return customerId == null ? Optional.empty() : sandbox().map(s -> PATH + "/" + s.inboxKey(customerId));
    }

    /** Whether notices go to the sandbox sender (the inbox pages exist only then). */
    public boolean open() {
        return sandbox().isPresent();
    }

    /** The sender in use, if it is the sandbox's: the one the dispatcher and {@link CardholderNotices} use. */
    Optional<SandboxNotificationSender> sandbox() {
        return Optional.ofNullable(senders.getIfAvailable()).filter(SandboxNotificationSender.class::isInstance)
                .map(SandboxNotificationSender.class::cast);
    }
}
