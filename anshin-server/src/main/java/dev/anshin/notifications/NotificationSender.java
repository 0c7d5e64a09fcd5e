package dev.anshin.notifications;

/**
 * Delivers a usage notification to the cardholder: the issuer's own boundary (its e-mail service,
 * its app's push). The dispatcher calls it from its own thread, at least once per notification: a
 * crash between a successful send and its record sends again, so a sender that can should pass
 * {@link UsageNotification#id()} on as an idempotency key. The contact address is the sender's to
 * look up, by {@link UsageNotification#customerId()}; Anshin hands over no personal data.
 *
 * <p>Exactly one sender is used: a bean of this type marked {@code @Primary}, or the only one. The
 * {@link SandboxNotificationSender} is there only with {@code anshin.notifications.sandbox-sender=true} (the
 * demo, the tests); with no sender at all nothing is sent ({@code NotificationDispatcher} says so at start).
 */
public interface NotificationSender {

    /**
     * Sends it, or throws: the dispatcher then tries again later, and gives up after
     * {@code anshin.notifications.max-attempts}. Only a {@link Failure}'s code, or else the
     * exception's class name, is recorded, never its message (which could hold an address).
     */
    void send(UsageNotification notification) throws Exception;

    /**
     * Sends a notice that is not about a charge (a support booking's reminder, an applicant's setup link or
     * one-time code: {@link CardholderNotices}), or throws; the caller tries again later. The texts may hold
     * {@link CardholderNotice#secrets()}: deliver them, but log or record only {@link CardholderNotice#masked}
     * text. A sender written before notices existed refuses them.
     */
    default void sendNotice(CardholderNotice notice) throws Exception {
        throw new Failure("NOTICES_NOT_SUPPORTED");
    }

    /** A failure with a code to record (e.g. {@code MAILBOX_FULL}, {@code PUSH_TOKEN_EXPIRED}). */
    final class Failure extends Exception {

        private final String code;

        public Failure(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
