package dev.anshin.notifications;

/**
 * A notice to a cardholder that is not about a charge (a support booking's reminder), for the same
 * channel as usage notifications ({@link NotificationSender#sendNotice}): whom it is for (the customer
 * id, opaque; the sender looks up the address) and what to say, in both languages.
 *
 * @param id         stable for the same notice: an idempotency key for the channel
 * @param customerId the privacy module's customer id
 * @param textJa     the notice in Japanese
 * @param textEn     the notice in English
 */
public record CardholderNotice(String id, String customerId, String textJa, String textEn) {
}
