package dev.anshin.audit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import dev.anshin.keys.KeysetFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The key that seals audit entries: HMAC-SHA256 PRF (Tink), kept outside the database (env
 * ANSHIN_AUDIT_KEYSET or a keyset file created on first run, readable by its owner only), so that
 * write access to the database alone cannot re-forge the chain. Entries sealed with any key of the
 * keyset verify, so the primary key can be rotated.
 */
public final class AuditKey {

    static final int HASH_BYTES = 32;

    private final PrfSet prf;

    private AuditKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.prf = keyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    }

    /** The server's key: from {@code keysetJson} when given, else from {@code file}, created there on first run. */
    public static AuditKey loadOrCreate(String keysetJson, Path file) {
        return load(keysetJson, file, true);
    }

    /** An existing key (for offline verification: never creates one). */
    public static AuditKey load(String keysetJson, Path file) {
        return load(keysetJson, file, false);
    }

    private static AuditKey load(String keysetJson, Path file, boolean create) {
        try {
            PrfConfig.register();
            KeysetHandle keyset = create
                    ? KeysetFiles.load(keysetJson, file, PredefinedPrfParameters.HMAC_SHA256_PRF,
                            "audit log key (back it up apart from the database: the log cannot be verified without it)")
                    : KeysetFiles.loadExisting(keysetJson, file).orElseThrow(() -> new IllegalStateException(
                            "no audit keyset in " + file + " and ANSHIN_AUDIT_KEYSET is not set"));
            return new AuditKey(keyset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the audit keyset", e);
        }
    }

    /** The seal of these bytes under the primary key, as 64 hex digits. */
    String seal(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(prf.computePrimary(canonical, HASH_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an audit entry", e);
        }
    }

    /** Whether {@code hash} is the seal of these bytes under any key of the keyset (compared in constant time). */
    boolean verifies(byte[] canonical, String hash) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(hash);
        } catch (IllegalArgumentException | NullPointerException notHex) {
            return false;
        }
        try {
            for (Prf key : prf.getPrfs().values()) {
                if (MessageDigest.isEqual(key.compute(canonical, HASH_BYTES), expected)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot check an audit entry", e);
        }
    }
}
