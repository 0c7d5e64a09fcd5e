package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/**
 * A partner or group company personal data may be provided to: what it is, where, what it uses the
 * data for (shown to the person when asking for consent), the items it may receive, and its public
 * key (a Tink hybrid public keyset in JSON; never a private key) every export to it is encrypted for.
 */
public record Recipient(String id, RecipientKind kind, String nameJa, String nameEn, String country, String useJa,
        String useEn, Set<PersonalField> fields, String publicKeyset, String registeredBy, Instant registeredAt) {

    public Recipient {
        fields = Set.copyOf(fields);
    }
}
