package dev.anshin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.keys.OwnerOnlyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed certificate: made once, owner-only, reused; renewed only while it is ours and ending or short of a name. */
class SelfSignedCertificateTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @TempDir
    Path keys;

    private Path certificateFile() {
        return keys.resolve("tls-certificate.pem");
    }

    private Path keyFile() {
        return keys.resolve("tls-private-key.pem");
    }

    private SelfSignedCertificate loadOrCreate(List<String> names, Instant at) {
        return SelfSignedCertificate.loadOrCreate(certificateFile(), keyFile(), names, YEAR, Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void isMadeOnceOwnerOnlyForLocalhostAndTheGivenNamesAndReusedAfter() throws Exception {
        SelfSignedCertificate first = loadOrCreate(List.of("anshin.example.jp", "192.0.2.10"), NOW);

        assertThat(Files.getPosixFilePermissions(certificateFile())).isEqualTo(OwnerOnlyFiles.FILE);
        assertThat(Files.getPosixFilePermissions(keyFile())).isEqualTo(OwnerOnlyFiles.FILE);
        assertThat(Files.readString(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate certificate = first.certificate();
        assertThat(SelfSignedCertificate.subjectAlternativeNames(certificate))
                .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "anshin.example.jp", "192.0.2.10");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1); // not a CA
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(YEAR));
        certificate.verify(certificate.getPublicKey());

        String pem = Files.readString(certificateFile());
        SelfSignedCertificate again = loadOrCreate(List.of("anshin.example.jp", "192.0.2.10"), NOW.plus(Duration.ofDays(200)));
        assertThat(again.certificate()).isEqualTo(certificate);
        assertThat(again.privateKey()).isEqualTo(first.privateKey());
        assertThat(Files.readString(certificateFile())).isEqualTo(pem);
    }

    @Test
    void isMadeAnewOnceLessThanThirtyDaysAreLeft() {
        SelfSignedCertificate first = loadOrCreate(List.of(), NOW);
        Instant nearItsEnd = NOW.plus(YEAR).minus(TlsProperties.RENEW_BEFORE).plusSeconds(60);

        SelfSignedCertificate renewed = loadOrCreate(List.of(), nearItsEnd);

        assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
        assertThat(renewed.certificate().getNotAfter().toInstant()).isEqualTo(nearItsEnd.plus(YEAR));
    }

    @Test
    void isMadeAnewWhenANameIsAddedToTheSettings() {
        SelfSignedCertificate first = loadOrCreate(List.of(), NOW);

        SelfSignedCertificate withName = loadOrCreate(List.of("anshin.example.jp"), NOW.plusSeconds(60));

        assertThat(withName.certificate()).isNotEqualTo(first.certificate());
        assertThat(SelfSignedCertificate.subjectAlternativeNames(withName.certificate())).contains("anshin.example.jp");
    }

    /** Someone put a certificate their CA signed in these files: it is theirs to renew, even when it is about to end. */
    @Test
    void neverReplacesACertificateSomeoneElseSigned() throws Exception {
        TestCertificates.Issued signed = TestCertificates.issue("anshin.example.jp", NOW, Duration.ofDays(3));
        Files.writeString(certificateFile(), TestCertificates.pem(signed.certificate()));
        Files.writeString(keyFile(), TestCertificates.pem(signed.privateKey()));

        SelfSignedCertificate loaded = loadOrCreate(List.of("other.example.jp"), NOW);

        assertThat(loaded.certificate()).isEqualTo(signed.certificate());
        assertThat(Files.readString(certificateFile())).isEqualTo(TestCertificates.pem(signed.certificate()));
    }
}
