package dev.anshin.cards;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Card tokenization settings.
 *
 * @param tokenKeyset     a Tink JSON keyset (HMAC PRF) given directly, e.g. from env ANSHIN_TOKEN_KEYSET;
 *                        wins over the file
 * @param tokenKeysetFile where the keyset lives otherwise; created with a fresh key on first run
 */
@ConfigurationProperties("anshin.cards")
record CardsProperties(String tokenKeyset, Path tokenKeysetFile) {

    CardsProperties {
        if (tokenKeysetFile == null) {
            tokenKeysetFile = Path.of("data", "token-keyset.json");
        }
    }
}
