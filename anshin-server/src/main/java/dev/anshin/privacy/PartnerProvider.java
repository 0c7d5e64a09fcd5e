package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/**
 * A partner that provides personal data to the issuer, as the confirmation record must name it (name,
 * address, representative), with the kinds of items it may provide, the published purpose its data is
 * received for, and the API client that sends for it (no other client may).
 */
public record PartnerProvider(String id, String nameJa, String nameEn, String address, String representative,
        Set<PartnerItemKind> items, Purpose purpose, String apiClient, String registeredBy, Instant registeredAt) {

    public PartnerProvider {
        items = Set.copyOf(items);
    }
}
