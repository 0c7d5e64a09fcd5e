package dev.anshin.privacy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Tink keyset given directly (from the environment) or from a file, creating the file with a
 * fresh key, readable by its owner only, on first run. Key material never goes to the database or
 * the repository; in production the keyset comes from the environment or a KMS-backed secret.
 */
final class KeysetFiles {

    private static final Logger log = LoggerFactory.getLogger(KeysetFiles.class);

    private KeysetFiles() {
    }

    static KeysetHandle load(String inline, Path file, Parameters fresh, String what) {
        try {
            if (inline != null && !inline.isBlank()) {
                return TinkJsonProtoKeysetFormat.parseKeyset(inline, InsecureSecretKeyAccess.get());
            }
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
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

    /** Writes a keyset through a temporary owner-only file and an atomic rename, so a crash leaves the old or the new one. */
    static void write(Path file, KeysetHandle keyset) throws IOException, GeneralSecurityException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("cannot restrict the permissions of {} on this file system; protect it yourself", target);
            Files.createFile(temporary);
        }
        Files.writeString(temporary, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
