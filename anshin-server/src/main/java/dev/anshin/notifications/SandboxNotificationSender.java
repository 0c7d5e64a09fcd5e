package dev.anshin.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sender for development, demos and tests: "delivers" a notification by writing one log line
 * (logger {@code dev.anshin.notifications.sandbox}) with the notification id, the masked card, the
 * merchant and the amount, in Japanese. Never a card number, never the customer's name or address
 * (it does not have them). On unless {@code anshin.notifications.sandbox-sender=false}; a real
 * e-mail or push sender replaces it (docs/notifications.md).
 */
@Component
@ConditionalOnProperty(prefix = "anshin.notifications", name = "sandbox-sender", havingValue = "true",
        matchIfMissing = true)
class SandboxNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger("dev.anshin.notifications.sandbox");

    SandboxNotificationSender() {
        LoggerFactory.getLogger(SandboxNotificationSender.class).warn("Usage notifications go to the sandbox "
                + "sender (a log line each, logger dev.anshin.notifications.sandbox at DEBUG): no cardholder is "
                + "notified. Provide a NotificationSender bean and set anshin.notifications.sandbox-sender=false.");
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
        log.debug("Notice {} to customer {}: {}", notice.id(), notice.customerId(), notice.textJa());
    }
}
