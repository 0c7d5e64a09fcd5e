package dev.anshin.notifications;

/**
 * A usage notification for a {@link NotificationSender}: whom it is for (the customer id, opaque;
 * the sender looks up the channel), and what to say.
 *
 * @param id         the notification's id, stable across attempts: an idempotency key for the channel
 * @param customerId the privacy module's customer id of the card's owner
 * @param cardToken  the card's token (never its number)
 * @param message    the content, in either language
 * @param attempt    1 for the first attempt, 2 for the first retry, ...
 */
public record UsageNotification(String id, String customerId, String cardToken, UsageMessage message, int attempt) {
}
