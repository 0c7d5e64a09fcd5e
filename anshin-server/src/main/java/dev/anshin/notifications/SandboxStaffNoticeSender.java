package dev.anshin.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The staff channel for demos and tests, never a production default: "delivers" a {@link StaffNotice} by keeping it
 * in memory (the latest {@link #KEPT}, one per notice id: a retry of a delivered notice is not kept twice) and writing
 * one log line (logger {@code dev.anshin.notifications.sandbox}, DEBUG) with the id and the staff member, not the
 * text. So that the demo can show what a member of staff received, each notice is also put in the sandbox inbox
 * ({@link SandboxNotificationSender}, {@code /sandbox/inbox/…}, keyed by the staff id as a customer's is by the
 * customer id): the sandbox's stand-in for a staff mailbox, nothing a real channel does. Nothing is kept on disk. On
 * only with {@code anshin.notifications.sandbox-sender=true}; a real staff channel (mail, chat) is the issuer's
 * {@link StaffNoticeSender} (docs/notifications.md).
 */
@Component
@ConditionalOnProperty(prefix = "anshin.notifications", name = "sandbox-sender", havingValue = "true")
public class SandboxStaffNoticeSender implements StaffNoticeSender {

    /** How many staff notices the sandbox keeps (the oldest go first). */
    static final int KEPT = 200;
    private static final Logger log = LoggerFactory.getLogger("dev.anshin.notifications.sandbox");

    /** A notice as the staff member's inbox holds it: when it arrived. */
    public record Delivered(StaffNotice notice, Instant at) {
    }

    private final Deque<Delivered> inbox = new ArrayDeque<>();
    private final Clock clock;
    private final ObjectProvider<SandboxNotificationSender> sandboxInbox;

    SandboxStaffNoticeSender(ObjectProvider<Clock> clock, ObjectProvider<SandboxNotificationSender> sandboxInbox) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.sandboxInbox = sandboxInbox;
    }

    @Override
    public void send(StaffNotice notice) {
        synchronized (inbox) {
            if (inbox.stream().anyMatch(d -> d.notice().id().equals(notice.id()))) {
                return; // the idempotency key: delivered already
            }
            inbox.addLast(new Delivered(notice, clock.instant()));
            while (inbox.size() > KEPT) {
                inbox.removeFirst();
            }
        }
        SandboxNotificationSender inboxes = sandboxInbox.getIfAvailable();
        if (inboxes != null) {
            inboxes.sendNotice(new CardholderNotice(notice.id(), notice.staffId(), notice.textJa(), notice.textEn()));
        }
        log.debug("Staff notice {} to {}", notice.id(), notice.staffId());
    }

    /** The notices "delivered" to the staff member, oldest first (of the latest {@link #KEPT} to anyone). */
    public List<StaffNotice> noticesTo(String staffId) {
        synchronized (inbox) {
            return inbox.stream().map(Delivered::notice).filter(n -> n.staffId().equals(staffId)).toList();
        }
    }
}
