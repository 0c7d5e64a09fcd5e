package dev.anshin.privacy;

import java.util.Map;

/**
 * What a request asks for beyond its kind: the purpose (and, for third-party provision, the
 * recipient) whose use is to stop, or the fields to correct and their new values. No free text.
 */
public record RequestDetails(Purpose purpose, String recipient, Map<PersonalField, String> corrections) {

    public RequestDetails {
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
    }

    public static RequestDetails none() {
        return new RequestDetails(null, null, Map.of());
    }

    public static RequestDetails stopOfUse(Purpose purpose, String recipient) {
        return new RequestDetails(purpose, recipient, Map.of());
    }

    public static RequestDetails correction(Map<PersonalField, String> corrections) {
        return new RequestDetails(null, null, corrections);
    }

    @Override
    public String toString() {
        return "RequestDetails[purpose=" + purpose + ", recipient=" + recipient + ", corrections="
                + corrections.keySet() + " <values redacted>]";
    }
}
