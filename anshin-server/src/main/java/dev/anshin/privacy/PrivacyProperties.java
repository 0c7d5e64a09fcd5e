package dev.anshin.privacy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Key settings of the privacy module.
 *
 * @param masterKeyset     the master keyset (Tink JSON, AES-256-GCM) that wraps every customer's data
 *                         key, given directly, e.g. from env ANSHIN_MASTER_KEYSET; wins over the file
 * @param masterKeysetFile where the master keyset lives otherwise; created on first run
 * @param indexKeyset      the keyset (HMAC PRF) of the blind index that finds a customer by number
 *                         without storing the number in clear, e.g. from env ANSHIN_INDEX_KEYSET
 * @param indexKeysetFile  where that keyset lives otherwise; created on first run
 * @param erasureJournalFile        the journal of erasures kept apart from the database (ADR 0009), so
 *                                  that a restored backup cannot bring an erased customer back
 * @param erasureJournalKeyset      the keyset (HMAC PRF) sealing its entries, given directly, e.g. from
 *                                  env ANSHIN_ERASURE_JOURNAL_KEYSET
 * @param erasureJournalKeysetFile  where that keyset lives otherwise; created on first run
 */
@ConfigurationProperties("anshin.privacy")
record PrivacyProperties(String masterKeyset, Path masterKeysetFile, String indexKeyset, Path indexKeysetFile,
        Path erasureJournalFile, String erasureJournalKeyset, Path erasureJournalKeysetFile) {

    PrivacyProperties {
        if (masterKeysetFile == null) {
            masterKeysetFile = Path.of("data", "master-keyset.json");
        }
        if (indexKeysetFile == null) {
            indexKeysetFile = Path.of("data", "index-keyset.json");
        }
        if (erasureJournalFile == null) {
            erasureJournalFile = Path.of("data", "erasure-journal.log");
        }
        if (erasureJournalKeysetFile == null) {
            erasureJournalKeysetFile = Path.of("data", "erasure-journal-keyset.json");
        }
    }
}
