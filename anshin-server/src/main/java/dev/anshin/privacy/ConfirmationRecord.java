package dev.anshin.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A confirmation record (確認記録, APPI Art. 30 and rules 18-20): who provided the data (the provider's
 * name, address and representative as registered at the receipt), how the provider obtained it (and the
 * PPC filing number for an opt-out provision), when it obtained it, when it was received, about whom (a
 * customer id), which kinds of items and how many, and for which published purpose. Ids and words,
 * never a value of the data. {@code dataHeld} says whether the data it is about is still held.
 */
public record ConfirmationRecord(String id, String providerId, String receiptId, String providerNameJa,
        String providerNameEn, String providerAddress, String providerRepresentative, HowObtained howObtained,
        String ppcFilingNumber, LocalDate obtainedOn, Instant receivedAt, String customerId,
        Set<PartnerItemKind> items, int itemCount, Purpose purpose, String recordedBy, Instant recordedAt,
        boolean dataHeld) {

    public ConfirmationRecord {
        items = Set.copyOf(items);
    }
}
