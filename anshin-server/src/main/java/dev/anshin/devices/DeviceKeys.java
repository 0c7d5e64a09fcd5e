package dev.anshin.devices;

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
 * The devices' pseudonym key: HMAC-SHA256 PRF (Tink) over each signal's domain and value, from the
 * environment or an owner-only key file (created on first run, backed up with the other keys). A key
 * of its own: the card tokens' key never meets browser signals, and losing this one only makes every
 * device new again (nothing else is keyed with it).
 */
@Component
class DeviceKeys implements Pseudonyms {

    /** 64 bits: equal values stay equal, unequal ones collide about once in 2^32 comparisons of a big population. */
    private static final int TOKEN_BYTES = 8;

    private final PrfSet prf;

    DeviceKeys(DevicesProperties properties) {
        try {
            PrfConfig.register();
            this.prf = KeysetFiles.load(properties.keyset(), properties.keysetFile(),
                            PredefinedPrfParameters.HMAC_SHA256_PRF, "device pseudonym keyset (devices are recognised with it)")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the device pseudonym keyset", e);
        }
    }

    @Override
    public String token(String domain, String value) {
        try {
            byte[] mac = prf.computePrimary((domain + "\u0000" + value).getBytes(StandardCharsets.UTF_8), TOKEN_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pseudonymization failed", e);
        }
    }
}
