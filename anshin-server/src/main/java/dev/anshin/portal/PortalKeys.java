package dev.anshin.portal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import com.google.common.io.BaseEncoding;
import dev.anshin.keys.KeysetFiles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The portal's keys, outside the database: an AEAD keyset that encrypts each account's TOTP secret
 * (bound to the account id), and a PRF keyset that derives an enrollment's activation code from its
 * id, so the database holds only the code's hash and a retried enrollment still answers the same code.
 */
@Component
class PortalKeys {

    private final Aead secrets;
    private final PrfSet codes;

    PortalKeys(PortalProperties properties, JdbcClient jdbc) {
        KeysetFiles.refuseFreshKeyOverData(properties.totpKeyset(), properties.totpKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM portal_accounts").query(Long.class).single(),
                "portal accounts' TOTP secrets (every cardholder would be locked out)");
        try {
            AeadConfig.register();
            PrfConfig.register();
            this.secrets = KeysetFiles.load(properties.totpKeyset(), properties.totpKeysetFile(),
                    PredefinedAeadParameters.AES256_GCM, "portal TOTP keyset")
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.codes = KeysetFiles.load(properties.activationKeyset(), properties.activationKeysetFile(),
                    PredefinedPrfParameters.HMAC_SHA256_PRF, "portal activation keyset")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the portal keys", e);
        }
    }

    String encryptSecret(String accountId, byte[] secret) {
        try {
            return Base64.getEncoder().encodeToString(secrets.encrypt(secret, aad(accountId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a TOTP secret", e);
        }
    }

    byte[] decryptSecret(String accountId, String stored) {
        try {
            return secrets.decrypt(Base64.getDecoder().decode(stored), aad(accountId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the TOTP secret of an account", e);
        }
    }

    /** 16 base32 characters (80 bits) derived from the enrollment id, shown in groups of four. */
    String activationCode(String enrollmentId) {
        try {
            byte[] bits = codes.computePrimary(("portal-activation/" + enrollmentId).getBytes(StandardCharsets.UTF_8), 10);
            String code = BaseEncoding.base32().omitPadding().encode(bits);
            return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-"
                    + code.substring(12, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive an activation code", e);
        }
    }

    private static byte[] aad(String accountId) {
        return ("portal-totp/" + accountId).getBytes(StandardCharsets.UTF_8);
    }
}
