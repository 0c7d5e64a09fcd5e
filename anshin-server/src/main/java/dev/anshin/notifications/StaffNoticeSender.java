package dev.anshin.notifications;

/**
 * Delivers a {@link StaffNotice} through the issuer's own staff channel (its mail or chat system): the port other
 * modules reach through {@link StaffNotices}. The sender looks up the staff member's address by
 * {@link StaffNotice#staffId()} and should pass {@link StaffNotice#id()} on as an idempotency key: callers send
 * again after a failure, and after a crash between a send and its record.
 *
 * <p>Exactly one sender is used: a bean of this type marked {@code @Primary}, or the only one. The
 * {@link SandboxStaffNoticeSender} is there only with {@code anshin.notifications.sandbox-sender=true} (the demo, the
 * tests); with none, nothing is sent and callers keep the notice pending (docs/notifications.md).
 */
public interface StaffNoticeSender {

    /**
     * Sends it, or throws; only a {@link NotificationSender.Failure}'s code, or else the exception's class name, is
     * recorded, never its message.
     */
    void send(StaffNotice notice) throws Exception;
}
