package dev.anshin.cards;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Card tokenization settings.
 *
 * @param tokenKeyset     a Tink JSON keyset (HMAC PRF) given directly, e.g. from env ANSHIN_TOKEN_KEYSET;
 *                        wins over the file
 * @param tokenKeysetFile where the keyset lives otherwise; created with a fresh key on first run
 * @param vaultKeyset     the PAN vault's keyset (Tink JSON, AES-256-GCM), e.g. from env ANSHIN_VAULT_KEYSET
 * @param vaultKeysetFile where that keyset lives otherwise; created on first run
 */
@ConfigurationProperties("anshin.cards")
record CardsProperties(String tokenKeyset, Path tokenKeysetFile, String vaultKeyset, Path vaultKeysetFile) {

    CardsProperties {
        if (vaultKeysetFile == null) {
            vaultKeysetFile = Path.of("data", "vault-keyset.json");
        }
        if (tokenKeysetFile == null) {
            tokenKeysetFile = Path.of("data", "token-keyset.json");
        }
    }
}
