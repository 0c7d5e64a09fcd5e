package dev.anshin.notifications;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Other modules' way to reach a member of staff through the issuer's staff channel ({@link StaffNoticeSender}),
 * without knowing the channel: the caller keeps its own record of what went out and asks again after a failure.
 */
@Service
public class StaffNotices {

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

    private final ObjectProvider<StaffNoticeSender> senders;

    StaffNotices(ObjectProvider<StaffNoticeSender> senders) {
        this.senders = senders;
    }

    /** Hands the notice to the staff channel now, or throws {@link NotSent}. */
    public void send(StaffNotice notice) {
        StaffNoticeSender sender = senders.getIfAvailable();
        if (sender == null) {
            throw new NotSent("NO_SENDER");
        }
        try {
            sender.send(notice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("INTERRUPTED");
        } catch (Exception e) {
            throw new NotSent(e instanceof NotificationSender.Failure failure && failure.code() != null
                    ? failure.code() : e.getClass().getSimpleName());
        }
    }
}
