package dev.anshin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's own certificate, configured as the SSL bundle {@code anshin} (here a PKCS12 key
 * store signed by their CA), is what the server presents: no self-signed certificate is made. The
 * protocol policy still holds even though the bundle asks for TLS 1.1 and a CBC suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=true",
        "anshin.data-dir=./target/operator-certificate-test-data",
        "anshin.postgres.database=anshin_test",
        "spring.ssl.bundle.jks.anshin.keystore.type=PKCS12",
        "spring.ssl.bundle.jks.anshin.keystore.password=operator-store-password",
        "spring.ssl.bundle.jks.anshin.key.alias=server",
        "spring.ssl.bundle.jks.anshin.options.enabled-protocols=TLSv1.1,TLSv1.2",
        "spring.ssl.bundle.jks.anshin.options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"})
class OperatorCertificateIntegrationTest {

    private static final Path FOLDER = Path.of("target", "operator-certificate-" + System.nanoTime()).toAbsolutePath();
    private static final TestCertificates.Issued ISSUED = TestCertificates.operatorFolder(FOLDER, "EC");


    @DynamicPropertySource
    static void operatorFiles(DynamicPropertyRegistry registry) {
        TestCertificates.operatorBundle(registry, FOLDER);
    }

    @LocalServerPort
    int port;

    @Test
    void presentsTheOperatorsCertificateAndMakesNoSelfSignedOne() throws Exception {
        SSLSession session = new TlsTestClient(FOLDER.resolve("issuer-ca.pem")).handshake("localhost", port, "TLSv1.3", null);

        assertThat((X509Certificate) session.getPeerCertificates()[0]).isEqualTo(ISSUED.certificate());
        assertThat(FOLDER.resolve("tls-certificate.pem")).doesNotExist();
        assertThat(FOLDER.resolve("tls-private-key.pem")).doesNotExist();
    }

    @Test
    void theProtocolPolicyHoldsWhateverTheBundleAsksFor() throws Exception {
        TlsTestClient client = new TlsTestClient(FOLDER.resolve("issuer-ca.pem"));

        assertThat(client.handshake("localhost", port, "TLSv1.3", null).getProtocol()).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> client.handshake("localhost", port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(LegacyTlsClient.offer("localhost", port, FOLDER.resolve("issuer-ca.pem"), "TLSv1.1", FOLDER))
                .endsWith("refused: Received fatal alert: protocol_version");
    }
}
