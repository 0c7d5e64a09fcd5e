package dev.anshin.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A disclosure as a machine-readable download (JSON, and flattened to CSV by {@link DisclosureCsv}):
 * a stable schema apart from {@link Disclosure}, which is how a disclosure is sealed. {@code values} are
 * the vault's values by field name, as stored; {@code held} the data other modules keep, one group per
 * catalog entry with both its labels and its category, each item its named values and its {@code text} in
 * the download's {@code language}. Consents, provision records and each entry's items are newest first
 * (items by their time, when every item of the entry names one). Names are never renamed: add instead.
 */
@Schema(description = "Everything held about the person (APPI Art. 33), machine-readable")
public record DisclosureDocument(String customerId, Instant producedAt,
        @Schema(description = "ja or en: the language of the labels and texts") String language,
        @Schema(description = "The vault's values by field name, as stored") Map<String, String> values,
        List<PurposeState> purposes, List<Consent> consents, List<ProvisionRecordItem> provisionRecords,
        List<Held> held) {

    /** Whether the person's data is used for a purpose now. */
    public record PurposeState(String purpose, String label, boolean inForce) {
    }

    /** One choice in the consent ledger. */
    public record Consent(long seq, Instant recordedAt, String purpose, String recipient, String product,
            boolean granted, String channel, String noticeVersion) {
    }

    /** One provision to a third party (提供記録): field names, never values. */
    public record ProvisionRecordItem(String provisionId, Instant providedAt, String recipientId, String recipient,
            List<String> items, long consentSeq) {
    }

    /** What one catalog entry of another module holds about the person. */
    public record Held(String entry, String labelJa, String labelEn, String category,
            @Schema(description = "Each item's named values, then its text (key \"text\")")
            List<Map<String, String>> items) {
    }

    @Override
    public String toString() {
        return "DisclosureDocument[customerId=" + customerId + ", <redacted>]";
    }
}
