package dev.anshin.notifications;

import java.util.List;

/**
 * A notice to a cardholder that is not about a charge (a support booking's reminder, an applicant's setup
 * link or one-time code), for the same channel as usage notifications ({@link NotificationSender#sendNotice}):
 * whom it is for (the customer id, opaque; the sender looks up the address) and what to say, in both languages.
 *
 * <p>A notice may carry secrets (a setup link, a one-time code): they are named in {@code secrets} so that
 * whatever writes about the notice (a log line, a failure record) writes {@link #masked} text instead. The
 * channel itself delivers the full text; {@link #toString} shows no text at all.
 *
 * @param id         stable for the same notice: an idempotency key for the channel
 * @param customerId the privacy module's customer id
 * @param textJa     the notice in Japanese
 * @param textEn     the notice in English
 * @param secrets    the parts of the texts that must never be written anywhere but to the cardholder
 */
public record CardholderNotice(String id, String customerId, String textJa, String textEn, List<String> secrets) {

    /** Shown in place of a secret. */
    public static final String MASK = "<secret>";

    public CardholderNotice {
        secrets = secrets == null ? List.of() : secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    /** A notice with no secrets in it. */
    public CardholderNotice(String id, String customerId, String textJa, String textEn) {
        this(id, customerId, textJa, textEn, List.of());
    }

    /** The text with each secret replaced by {@link #MASK}: what may be logged. */
    public String masked(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        // Longest first, so that a secret containing another (a link holding a code) is masked whole.
        for (String secret : secrets.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "CardholderNotice[" + id + ", customer " + customerId + ", text <redacted>]";
    }
}
