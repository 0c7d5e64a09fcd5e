package dev.anshin.voice;

import java.time.Instant;
import java.util.Objects;

/**
 * One voice as it arrives, before any check: the intake validates every field and refuses with a
 * {@link VoiceRefused} naming the field.
 *
 * @param submittedBy the API client, staff member, {@code portal} or {@code public-form}: scopes {@code voiceKey}
 * @param voiceKey the submitter's idempotency key (the API's {@code voiceId}, a form's one-time token, a CSV row's
 *     key); null when the submitter gave none, then every call stores a new item
 * @param text the customer's own words, unredacted; sealed by the intake, never logged
 * @param customerId the customer it is from, when known; must exist and not be erased
 * @param importId the CSV import it came from, else null
 * @param importRow its row in that file (1 = first data row), else null
 */
public record Submission(Source source, String submittedBy, String voiceKey, Channel channel, String text,
        Instant receivedAt, String customerId, String importId, Integer importRow) {

    public Submission {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(submittedBy, "submittedBy");
    }

    @Override
    public String toString() {
        // The text is personal data: never in a log line or an exception message.
        return "Submission[" + source + " by " + submittedBy + ", key " + voiceKey + ", " + channel + ", "
                + (text == null ? "no text" : text.length() + " chars") + "]";
    }
}
