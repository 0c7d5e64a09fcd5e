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
import dev.anshin.keys.KeysetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys that protect the vault: the master keyset, which wraps (encrypts) each customer's own data
 * key, and the blind-index key. A customer key is generated per customer and stored only wrapped;
 * unwrapping it needs the master keyset, which is never in the database.
 */
@Component
class MasterKey {

    private static final int INDEX_BYTES = 24;

    /** The master keyset and its cipher, swapped as a whole on rotation. */
    private record Master(KeysetHandle keyset, Aead aead, long primaryKeyId) {
        static Master of(KeysetHandle keyset) throws GeneralSecurityException {
            return new Master(keyset, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Integer.toUnsignedLong(keyset.getPrimary().getId()));
        }
    }

    private final PrivacyProperties properties;
    private final PrfSet index;
    private volatile Master master;
    /** The keyset file as last read or written by this instance. */
    private volatile String fileVersion = "";

    MasterKey(PrivacyProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        // A missing key file next to encrypted data is a lost or misplaced key, not a first start:
        // a fresh key would make every stored value unreadable. Refuse to start instead.
        KeysetFiles.refuseFreshKeyOverData(properties.masterKeyset(), properties.masterKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM customer_keys").query(Long.class).single(), "customer keys");
        KeysetFiles.refuseFreshKeyOverData(properties.indexKeyset(), properties.indexKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM customers WHERE number_index IS NOT NULL").query(Long.class).single(),
                "customer number indexes");
        try {
            AeadConfig.register();
            PrfConfig.register();
            this.master = Master.of(KeysetFiles.load(properties.masterKeyset(), properties.masterKeysetFile(),
                    PredefinedAeadParameters.AES256_GCM, "master keyset"));
            this.fileVersion = fileVersion();
            this.index = KeysetFiles.load(properties.indexKeyset(), properties.indexKeysetFile(),
                    PredefinedPrfParameters.HMAC_SHA256_PRF, "blind-index keyset")
                    .getPrimitive(RegistryConfiguration.get(), PrfSet.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the privacy keys", e);
        }
    }

    /** Whether this server can rotate the master keyset itself (it lives in a file, not in the environment). */
    boolean rotatable() {
        return properties.masterKeyset() == null || properties.masterKeyset().isBlank();
    }

    /**
     * Adds a fresh primary key to the master keyset and keeps the old keys for unwrapping. The file is
     * replaced atomically before the new key wraps anything, so after a crash at any point every
     * wrapped key opens with the keyset on disk.
     *
     * @return the new primary key id
     */
    synchronized long rotate() {
        if (!rotatable()) {
            throw new IllegalStateException("the master keyset comes from the environment");
        }
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(master.keyset())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            KeysetFiles.write(properties.masterKeysetFile(), rotated);
            master = Master.of(rotated);
            fileVersion = fileVersion();
            return master.primaryKeyId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the master keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rotated master keyset", e);
        }
    }

    /**
     * Removes from the keyset file every key that is neither the primary nor in {@code inUse} (the
     * keys some customer key is still wrapped with), atomically; the caller makes sure nothing can
     * start using an old key meanwhile (only the primary wraps).
     *
     * @return the ids removed
     */
    synchronized List<Long> retireAllBut(java.util.Set<Long> inUse) {
        if (!rotatable()) {
            throw new IllegalStateException("the master keyset comes from the environment");
        }
        try {
            KeysetHandle current = master.keyset();
            // The builder keeps the keyset's order, so index i is the same key in both.
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
            List<Long> removed = new ArrayList<>();
            for (int i = current.size() - 1; i >= 0; i--) {
                long id = Integer.toUnsignedLong(current.getAt(i).getId());
                if (id != master.primaryKeyId() && !inUse.contains(id)) {
                    builder.deleteAt(i);
                    removed.add(id);
                }
            }
            if (!removed.isEmpty()) {
                KeysetHandle retired = builder.build();
                KeysetFiles.write(properties.masterKeysetFile(), retired);
                master = Master.of(retired);
                fileVersion = fileVersion();
            }
            return removed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot retire master keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master keyset", e);
        }
    }

    /** The ids of every key in the master keyset (unsigned). */
    List<Long> keyIds() {
        KeysetHandle keyset = master.keyset();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        return ids;
    }

    /** A fresh data key for one customer. */
    KeysetHandle newCustomerKey() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a customer key", e);
        }
    }

    /** A customer key wrapped by the master keyset (base64), and the id of the master key that wrapped it. */
    record Wrapped(String value, long masterKeyId) {
    }

    /** The customer's key encrypted by the master keyset's primary key, bound to the customer id. */
    Wrapped wrap(KeysetHandle customerKey, String customerId) {
        // Another instance (or process) sharing the keyset file may have rotated or retired keys:
        // wrap only under the primary the file names now, never under a key being retired.
        if (rotatable() && !fileVersion().equals(fileVersion)) {
            reloadFromFile();
        }
        Master current = master; // one snapshot: the id recorded is the key that wrapped
        try {
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(customerKey, current.aead(),
                    customerId.getBytes(StandardCharsets.UTF_8));
            return new Wrapped(Base64.getEncoder().encodeToString(wrapped), current.primaryKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a customer key", e);
        }
    }

    /** The customer's cipher, from its wrapped key. */
    Aead unwrap(String wrapped, String customerId) {
        try {
            return unwrapKeyset(wrapped, customerId).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a customer key is not an AEAD key", e);
        }
    }

    /** The customer's keyset from its wrapped form (for re-wrapping under the current primary). */
    KeysetHandle unwrapKeyset(String wrapped, String customerId) {
        return parse(wrapped, customerId, true);
    }

    private KeysetHandle parse(String wrapped, String customerId, boolean mayReload) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(Base64.getDecoder().decode(wrapped), master.aead(),
                    customerId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Another instance may have rotated the keyset file: read it again once.
            if (mayReload && rotatable() && reloadFromFile()) {
                return parse(wrapped, customerId, false);
            }
            throw new IllegalStateException("cannot unwrap the key of a customer", e);
        }
    }

    /** The keyset file's modification time and size, to notice another writer cheaply. */
    private String fileVersion() {
        try {
            Path file = properties.masterKeysetFile();
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    private synchronized boolean reloadFromFile() {
        try {
            // Only an existing file: a reload must never create a fresh master key.
            var file = KeysetFiles.loadExisting(null, properties.masterKeysetFile());
            if (file.isEmpty()) {
                return false;
            }
            Master onDisk = Master.of(file.get());
            fileVersion = fileVersion();
            if (onDisk.keyset().size() == master.keyset().size() && onDisk.primaryKeyId() == master.primaryKeyId()) {
                return false;
            }
            master = onDisk;
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The id of the master key that wraps new customer keys (recorded, so a rotation knows what to re-wrap). */
    long primaryKeyId() {
        return master.primaryKeyId();
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
