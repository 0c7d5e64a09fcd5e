package dev.anshin.notifications;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Other modules' way to reach a cardholder through the issuer's channel (the {@link NotificationSender}
 * usage notifications go through), without knowing the channel or the outbox: the caller keeps its own
 * record of what it sent and asks again after a failure.
 */
@Service
public class CardholderNotices {

    /** The notice did not go out; the code says why (the sender's code, or the exception's class). */
    public static final class NotSent extends RuntimeException {

        private final String code;

        NotSent(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final ObjectProvider<NotificationSender> senders;

    CardholderNotices(ObjectProvider<NotificationSender> senders) {
        this.senders = senders;
    }

    /** Hands the notice to the channel now, or throws {@link NotSent}. */
    public void send(CardholderNotice notice) {
        NotificationSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new NotSent("NO_SENDER");
        }
        try {
            sender.sendNotice(notice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("INTERRUPTED");
        } catch (Exception e) {
            throw new NotSent(e instanceof NotificationSender.Failure failure && failure.code() != null
                    ? failure.code() : e.getClass().getSimpleName());
        }
    }
}
