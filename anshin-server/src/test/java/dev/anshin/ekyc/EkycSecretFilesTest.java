package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The secrets' files: a configured one must exist, and every one is readable by its owner only. */
class EkycSecretFilesTest {

    @TempDir
    Path folder;

    private static EkycProperties settings(Path secretsFile) {
        return new EkycProperties("acme", Duration.ofHours(1),
                new EkycProperties.Webhook(List.of(), secretsFile, Duration.ofMinutes(5), Duration.ofMinutes(1)),
                new EkycProperties.Policy(0.85, 0.60, 0.90, 0.50, 0.30, 0.80, 0.70, null),
                new EkycProperties.Sandbox(null, null, 6, Duration.ofSeconds(1)));
    }

    private static WebhookSecrets secrets(Path secretsFile) {
        return new WebhookSecrets(settings(secretsFile), new DefaultListableBeanFactory().getBeanProvider(
                SandboxSigningKey.class));
    }

    @Test
    void aConfiguredSecretsFileThatIsMissingStopsStartUp() {
        assertThatThrownBy(() -> secrets(folder.resolve("ekyc-webhook-secrets")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aSecretsFileReadableByOthersIsMadeOwnerOnly() throws Exception {
        Path file = folder.resolve("ekyc-webhook-secrets");
        Files.writeString(file, "acme_vendor_secret_0123456789\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(secrets(file).of("acme")).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSandboxSigningSecretReadableByOthersIsMadeOwnerOnly() throws Exception {
        Path file = folder.resolve("ekyc-sandbox-signing-secret");
        Files.writeString(file, "ekyc_sandbox_made_by_hand_0123456789\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        new SandboxSigningKey(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void noSecretsFileConfiguredIsFine() {
        assertThat(secrets(null).active()).isEmpty();
    }
}
