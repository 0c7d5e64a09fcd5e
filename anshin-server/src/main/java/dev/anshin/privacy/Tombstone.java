package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/**
 * What an erasure destroyed, when, by whom and why (a reason code and the reference of the request
 * or decision behind it); kept after the data is gone.
 */
public record Tombstone(String customerId, Instant erasedAt, String erasedBy, ErasureReason reason, String reference,
        Set<PersonalField> fields) {

    public Tombstone {
        fields = Set.copyOf(fields);
    }
}
