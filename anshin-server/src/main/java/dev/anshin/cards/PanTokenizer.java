package dev.anshin.cards;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a PAN into a keyed token: HMAC-SHA256 PRF (Tink) over the digits. A keyed PRF rather than
 * deterministic encryption, so a token can be searched but never reversed, and key material stays
 * out of the repository (env or a keyset file in the data directory, created on first run).
 */
@Component
class PanTokenizer {

    private static final Logger log = LoggerFactory.getLogger(PanTokenizer.class);
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

    private static KeysetHandle load(CardsProperties properties) throws GeneralSecurityException {
        if (properties.tokenKeyset() != null && !properties.tokenKeyset().isBlank()) {
            return TinkJsonProtoKeysetFormat.parseKeyset(properties.tokenKeyset(), InsecureSecretKeyAccess.get());
        }
        Path file = properties.tokenKeysetFile();
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            KeysetHandle fresh = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            createOwnerOnly(file);
            Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
            log.warn("Created a new card token key in {}: back it up, tokens cannot be recomputed without it", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token keyset " + file, e);
        }
    }

    /** Creates the empty key file readable by its owner only, before any key material is written. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("cannot restrict the permissions of {} on this file system; protect it yourself", file);
            Files.createFile(file);
        }
    }
}
