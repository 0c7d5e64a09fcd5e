package dev.anshin.keys;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Tink keyset given directly (from the environment) or from a file, creating the file with a
 * fresh key, readable by its owner only, on first run. Key material never goes to the database or
 * the repository; in production the keyset comes from the environment or a KMS-backed secret.
 */
public final class KeysetFiles {

    private static final Logger log = LoggerFactory.getLogger(KeysetFiles.class);

    private KeysetFiles() {
    }

    /**
     * Refuses to go on when a key is neither given inline nor in its file while {@code madeWithIt}
     * rows were made with it: that is a lost or misplaced key, not a first start, and a fresh key
     * would make those rows unreadable. Call before {@link #load}.
     *
     * @param madeWithIt counts the rows encrypted, sealed or indexed with the key (only asked when the file is missing)
     * @param what       what those rows are, for the message
     */
    public static void refuseFreshKeyOverData(String inline, Path file, java.util.function.LongSupplier madeWithIt,
            String what) {
        if ((inline == null || inline.isBlank()) && !Files.exists(file)) {
            long rows = madeWithIt.getAsLong();
            if (rows > 0) {
                throw new IllegalStateException("The key file " + file + " is missing, but the database holds " + rows
                        + " " + what + " made with it. Restore the file from its backup (or set the key in the "
                        + "environment); a new key would make them unreadable.");
            }
        }
    }

    /** The keyset given inline, else the one in {@code file}, else a fresh one written there. */
    public static KeysetHandle load(String inline, Path file, Parameters fresh, String what) {
        try {
            Optional<KeysetHandle> existing = loadExisting(inline, file);
            if (existing.isPresent()) {
                return existing.get();
            }
            KeysetHandle created = KeysetHandle.generateNew(fresh);
            write(file, created);
            log.warn("Created a new {} in {}: back it up, what it protects is lost without it", what, file);
            return created;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the " + what, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " in " + file, e);
        }
    }

    /** The keyset given inline or in {@code file}, never a fresh one (for tools that must not invent a key). */
    public static Optional<KeysetHandle> loadExisting(String inline, Path file) {
        try {
            if (inline != null && !inline.isBlank()) {
                return Optional.of(TinkJsonProtoKeysetFormat.parseKeyset(inline, InsecureSecretKeyAccess.get()));
            }
            if (Files.exists(file)) {
                return Optional.of(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
                        InsecureSecretKeyAccess.get()));
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot parse the keyset in " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyset " + file, e);
        }
    }

    /** Writes a keyset through a temporary owner-only file and an atomic rename, so a crash leaves the old or the new one. */
    public static void write(Path file, KeysetHandle keyset) throws IOException, GeneralSecurityException {
        OwnerOnlyFiles.write(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get())
                .getBytes(StandardCharsets.UTF_8));
    }
}
