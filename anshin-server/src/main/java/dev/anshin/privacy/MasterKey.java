package dev.anshin.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The keys that protect the vault: the master keyset, which wraps (encrypts) each customer's own data
 * key, and the blind-index key. A customer key is generated per customer and stored only wrapped;
 * unwrapping it needs the master keyset, which is never in the database.
 */
@Component
class MasterKey {

    private static final int INDEX_BYTES = 24;

    private final Aead master;
    private final long primaryKeyId;
    private final PrfSet index;

    MasterKey(PrivacyProperties properties) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            KeysetHandle masterKeyset = KeysetFiles.load(properties.masterKeyset(), properties.masterKeysetFile(),
                    PredefinedAeadParameters.AES256_GCM, "master keyset");
            this.master = masterKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.primaryKeyId = Integer.toUnsignedLong(masterKeyset.getPrimary().getId());
            this.index = KeysetFiles.load(properties.indexKeyset(), properties.indexKeysetFile(),
                    PredefinedPrfParameters.HMAC_SHA256_PRF, "blind-index keyset")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the privacy keys", e);
        }
    }

    /** A fresh data key for one customer. */
    KeysetHandle newCustomerKey() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a customer key", e);
        }
    }

    /** The customer's key encrypted by the master keyset, bound to the customer id (base64). */
    String wrap(KeysetHandle customerKey, String customerId) {
        try {
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(customerKey, master,
                    customerId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a customer key", e);
        }
    }

    /** The customer's cipher, from its wrapped key. */
    Aead unwrap(String wrapped, String customerId) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(Base64.getDecoder().decode(wrapped), master,
                    customerId.getBytes(StandardCharsets.UTF_8)).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap the key of a customer", e);
        }
    }

    /** The id of the master key that wraps new customer keys (recorded, so a rotation knows what to re-wrap). */
    long primaryKeyId() {
        return primaryKeyId;
    }

    /** A keyed, irreversible index of a value (the customer number), to find it without storing it in clear. */
    String blindIndex(String value) {
        try {
            byte[] mac = index.computePrimary(value.getBytes(StandardCharsets.UTF_8), INDEX_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed", e);
        }
    }
}
