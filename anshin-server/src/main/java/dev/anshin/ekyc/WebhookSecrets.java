package dev.anshin.ekyc;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The secrets a webhook may be signed with, each tied to the provider it belongs to: those
 * configured ({@code anshin.ekyc.webhook.secrets}, from the environment in production) and those in
 * the secrets file belong to the configured provider ({@code anshin.ekyc.provider}); the sandbox's
 * own signing secret belongs to the sandbox only. A signature is good for a verification only under
 * a secret of the verification's own provider: the sandbox's secret, whose file anyone on the host
 * may be told to read, must not sign a real vendor's result. Never in the repository or the
 * database; never logged.
 */
@Component
class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    /** Shorter secrets are refused: an HMAC key is only as strong as its guessability. */
    static final int MIN_LENGTH = 16;

    /** One active secret and the provider whose results it signs. */
    record Secret(String provider, byte[] key) {
    }

    private final List<Secret> active;

    WebhookSecrets(EkycProperties properties, ObjectProvider<SandboxSigningKey> sandbox) {
        List<String> texts = new ArrayList<>();
        properties.webhook().secrets().stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(texts::add);
        Path file = properties.webhook().secretsFile();
        if (file != null) {
            // Configured and missing is a mistake (a typo, a volume not mounted): refusing every vendor's result
            // quietly would be found only when applicants are stuck.
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("The eKYC webhook secrets file " + file + " (anshin.ekyc.webhook."
                        + "secrets-file) does not exist: create it (one secret a line, owner-only) or unset the setting");
            }
            try {
                // Readable by its owner only, like the keysets in the keys directory: tightened if it was not.
                OwnerOnlyFiles.restrict(file);
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                        .filter(s -> !s.isEmpty() && !s.startsWith("#")).forEach(texts::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the eKYC webhook secrets in " + file, e);
            }
        }
        for (String text : texts) {
            if (text.length() < MIN_LENGTH) {
                throw new IllegalStateException("An eKYC webhook secret is shorter than " + MIN_LENGTH
                        + " characters (anshin.ekyc.webhook.secrets or its file): use the vendor's full secret.");
            }
        }
        List<Secret> secrets = new ArrayList<>(texts.stream()
                .map(s -> new Secret(properties.provider(), s.getBytes(StandardCharsets.UTF_8))).toList());
        SandboxSigningKey key = sandbox.getIfAvailable();
        if (key != null) {
            secrets.add(new Secret(SandboxEkycProvider.NAME, key.secret()));
        }
        if (secrets.isEmpty()) {
            log.info("No eKYC webhook secret is configured: every result posted to /api/v1/ekyc/results is refused");
        }
        this.active = List.copyOf(secrets);
    }

    /** Every active secret, whatever its provider: a signature none of them gives is refused before anything is read. */
    List<byte[]> active() {
        return active.stream().map(Secret::key).toList();
    }

    /** The active secrets of {@code provider}: the only ones that may sign a result for its verifications. */
    List<byte[]> of(String provider) {
        return active.stream().filter(s -> s.provider().equals(provider)).map(Secret::key).toList();
    }
}
