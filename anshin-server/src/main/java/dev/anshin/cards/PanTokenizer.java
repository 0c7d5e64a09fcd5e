package dev.anshin.cards;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import dev.anshin.keys.KeysetFiles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Turns a PAN into a keyed token: HMAC-SHA256 PRF (Tink) over the digits. A keyed PRF rather than
 * deterministic encryption, so a token can be searched but never reversed, and key material stays
 * out of the repository (env or a keyset file in the data directory, created on first run).
 */
@Component
class PanTokenizer {

    private static final int TOKEN_BYTES = 24;

    private final PrfSet prf;

    PanTokenizer(CardsProperties properties) {
        try {
            PrfConfig.register();
            this.prf = load(properties).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the card token keyset", e);
        }
    }

    String tokenize(Pan pan) {
        try {
            byte[] mac = prf.computePrimary(pan.digits().getBytes(StandardCharsets.US_ASCII), TOKEN_BYTES);
            return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tokenization failed", e);
        }
    }

    /**
     * A keyed pseudonym of another identifier seen at the edge (a shipping address, an account id at a
     * merchant), for matching without keeping it: same key as the card tokens, separated by domain, so
     * no pseudonym can equal a card token or one of another domain.
     */
    String pseudonym(String domain, String value) {
        try {
            byte[] mac = prf.computePrimary((domain + "\u0000" + value).getBytes(StandardCharsets.UTF_8), TOKEN_BYTES);
            return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pseudonymization failed", e);
        }
    }

    private static KeysetHandle load(CardsProperties properties) {
        return KeysetFiles.load(properties.tokenKeyset(), properties.tokenKeysetFile(),
                PredefinedPrfParameters.HMAC_SHA256_PRF, "card token keyset (tokens cannot be recomputed without it)");
    }
}
