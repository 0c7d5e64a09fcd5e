package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What a command prints when it fails: never "null", and the option that fixes an untrusted certificate. */
class FailuresTest {

    @Test
    void anExceptionWithoutAMessageIsNamedByItsKindAndCause() {
        assertThat(Failures.describe(new IllegalStateException((String) null)))
                .isEqualTo("IllegalStateException (no detail given)");
        assertThat(Failures.describe(new IllegalStateException(null, new IOException("disk full"))))
                .isEqualTo("IllegalStateException: disk full");
        assertThat(Failures.describe(new IllegalStateException(null, new ClosedChannelException())))
                .isEqualTo("IllegalStateException, caused by ClosedChannelException (no detail given)");
    }

    @Test
    void aBackupThatFailsWithoutAMessageSaysWhatFailedNotNull() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = BackupCommand.outcome(new PrintStream(err, true, StandardCharsets.UTF_8), "backup", () -> {
            throw new IllegalStateException((String) null);
        });

        assertThat(exit).isEqualTo(BackupCommand.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualToIgnoringNewLines(
                "backup failed: IllegalStateException (no detail given)").doesNotContain("null");
    }

    /** As the JDK's HTTP client reports a server certificate that no trusted certificate leads to. */
    @Test
    void anUntrustedServerCertificatePointsAtCaCert() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
                + "to requested target");
        handshake.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));

        String printed = Failures.unreachable(URI.create("https://127.0.0.1:8080"), new IOException(handshake));

        assertThat(printed).startsWith("cannot reach https://127.0.0.1:8080: the server's certificate is not trusted")
                .contains("--ca-cert data/tls-certificate.pem");
        assertThat(Failures.describe(new IOException("Connection refused"))).isEqualTo("Connection refused");
    }
}
