package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/**
 * A provision record (提供記録, APPI Art. 29): to whom, about whom, which items, on which consent
 * (the consent ledger's seq), when, in which provision. Holds ids and field names, never values.
 */
public record ProvisionRecord(String provisionId, String recipientId, String recipientNameJa, String recipientNameEn,
        String customerId, Set<PersonalField> items, long consentSeq, Instant providedAt) {

    public ProvisionRecord {
        items = Set.copyOf(items);
    }
}
