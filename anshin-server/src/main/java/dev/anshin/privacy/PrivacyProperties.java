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
 */
@ConfigurationProperties("anshin.privacy")
record PrivacyProperties(String masterKeyset, Path masterKeysetFile, String indexKeyset, Path indexKeysetFile) {

    PrivacyProperties {
        if (masterKeysetFile == null) {
            masterKeysetFile = Path.of("data", "master-keyset.json");
        }
        if (indexKeysetFile == null) {
            indexKeysetFile = Path.of("data", "index-keyset.json");
        }
    }
}
