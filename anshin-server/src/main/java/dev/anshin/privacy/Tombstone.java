package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/** What an erasure destroyed, when, by whom and why; kept after the data is gone. */
public record Tombstone(String customerId, Instant erasedAt, String erasedBy, String reason,
        Set<PersonalField> fields) {

    public Tombstone {
        fields = Set.copyOf(fields);
    }
}
