package dev.anshin.ekyc;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox vendor's own signing secret: made at first start (32 random bytes, as text so that
 * {@code openssl dgst -hmac} takes it as it is) in an owner-only file beside the other keys, and
 * kept there, so the docs' shell example can sign with it ({@code cat <keys-dir>/ekyc-sandbox-signing-secret}).
 */
final class SandboxSigningKey {

    private static final Logger log = LoggerFactory.getLogger(SandboxSigningKey.class);
    static final String PREFIX = "ekyc_sandbox_";

    private final byte[] secret;
    private final Path file;

    SandboxSigningKey(Path file) {
        this.file = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(this.file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String made = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                OwnerOnlyFiles.createDirectories(this.file.getParent());
                OwnerOnlyFiles.write(this.file, (made + "\n").getBytes(StandardCharsets.UTF_8));
                log.info("Made the eKYC sandbox's signing secret in {}", this.file);
            }
            // Made owner-only above; one made by hand or copied in is tightened before it is read.
            OwnerOnlyFiles.restrict(this.file);
            this.secret = Files.readString(this.file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the eKYC sandbox signing secret " + this.file, e);
        }
        if (secret.length < WebhookSecrets.MIN_LENGTH) {
            throw new IllegalStateException("The eKYC sandbox signing secret in " + this.file + " is too short");
        }
    }

    byte[] secret() {
        return secret.clone();
    }

    Path file() {
        return file;
    }
}
