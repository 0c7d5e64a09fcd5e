package dev.anshin.notifications;

/**
 * A notice to a member of the issuer's staff (a surge of complaints for their department to look at), for the
 * issuer's staff channel ({@link StaffNoticeSender}): not the cardholders' channel, whose sender looks addresses up
 * by customer id. It carries counts and labels only, never a customer's words.
 *
 * @param id      stable for the same notice: an idempotency key for the channel (a retry sends the same id)
 * @param staffId the staff member's login name, as in {@code anshin.voice.alert-recipients.*}
 * @param textJa  the notice in Japanese
 * @param textEn  the notice in English
 */
public record StaffNotice(String id, String staffId, String textJa, String textEn) {

    @Override
    public String toString() {
        return "StaffNotice[" + id + ", staff " + staffId + ", text <not shown>]";
    }
}
