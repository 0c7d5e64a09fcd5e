package dev.anshin.notifications;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sender for demos and tests, never a production default: "delivers" a notification by writing one log
 * line (logger {@code dev.anshin.notifications.sandbox}, DEBUG) with the notification id, the masked card,
 * the merchant and the amount, in Japanese. Never a card number, never the customer's name or address (it
 * does not have them). A notice's secrets (a setup link, a one-time code) are masked in its line; the notice
 * itself is kept in memory, the latest {@link #KEPT}, as the cardholder's inbox would hold it, for tests to
 * read ({@link #noticesTo}).
 *
 * <p>On only with {@code anshin.notifications.sandbox-sender=true} (the demo profile and the tests); a real
 * e-mail or push sender is the issuer's (docs/notifications.md).
 */
@Component
@ConditionalOnProperty(prefix = "anshin.notifications", name = "sandbox-sender", havingValue = "true")
public class SandboxNotificationSender implements NotificationSender {

    /** How many notices the sandbox inbox keeps (the oldest go first). */
    static final int KEPT = 200;
    private static final Logger log = LoggerFactory.getLogger("dev.anshin.notifications.sandbox");

    private final Deque<CardholderNotice> inbox = new ArrayDeque<>();

    SandboxNotificationSender() {
        LoggerFactory.getLogger(SandboxNotificationSender.class).warn("Notices go to the sandbox sender (a log "
                + "line each, logger dev.anshin.notifications.sandbox at DEBUG, secrets masked): no cardholder is "
                + "notified. Provide a NotificationSender bean and leave "
                + "anshin.notifications.sandbox-sender off (docs/notifications.md).");
    }

    @Override
    public void send(UsageNotification notification) {
        UsageMessage m = notification.message();
        String merchant = m.brandJa() == null ? m.merchant(true) : m.brandJa() + " (" + m.descriptor() + ")";
        log.debug("Usage notification {} (attempt {}): card {} {} {} at {} [{}, {}] {}", notification.id(),
                notification.attempt(), m.maskedCard(), m.time(), m.amount(java.util.Locale.JAPANESE), merchant,
                m.country(), m.cardPresent() ? "card present" : "card not present", m.decision());
    }

    @Override
    public void sendNotice(CardholderNotice notice) {
        synchronized (inbox) {
            inbox.addLast(notice);
            while (inbox.size() > KEPT) {
                inbox.removeFirst();
            }
        }
        log.debug("Notice {} to customer {}: {}", notice.id(), notice.customerId(), notice.masked(notice.textJa()));
    }

    /** The notices "delivered" to the customer, oldest first (of the latest {@link #KEPT} to anyone). */
    public List<CardholderNotice> noticesTo(String customerId) {
        synchronized (inbox) {
            return inbox.stream().filter(n -> n.customerId() != null && n.customerId().equals(customerId)).toList();
        }
    }
}
