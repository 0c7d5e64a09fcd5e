package dev.anshin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an RSA certificate, the suites an RSA key makes possible besides the allowed ones are refused
 * by the server in a real handshake: RSA key exchange (no forward secrecy, even with AES-GCM) and
 * CBC. The client runs in a JVM of its own whose security settings let it offer them (this JVM's
 * might not offer RSA key exchange at all, and then nothing would be tested); the same client gets
 * an allowed suite, so a refusal is the server's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.ssl.enabled=true",
        "anshin.data-dir=./target/rsa-certificate-test-data",
        "anshin.postgres.database=anshin_test",
        "spring.ssl.bundle.jks.anshin.keystore.type=PKCS12",
        "spring.ssl.bundle.jks.anshin.keystore.password=operator-store-password",
        "spring.ssl.bundle.jks.anshin.key.alias=server"})
class RsaCertificateIntegrationTest {

    private static final Path FOLDER = Path.of("target", "rsa-certificate-" + System.nanoTime()).toAbsolutePath();

    static {
        TestCertificates.operatorFolder(FOLDER, "RSA");
    }

    @DynamicPropertySource
    static void operatorFiles(DynamicPropertyRegistry registry) {
        TestCertificates.operatorBundle(registry, FOLDER);
    }

    @LocalServerPort
    int port;

    private String offer(String protocol, String suite) throws Exception {
        return LegacyTlsClient.offer("localhost", port, FOLDER.resolve("issuer-ca.pem"), protocol, suite, FOLDER);
    }

    @Test
    void rsaKeyExchangeAndCbcSuitesAreRefusedByTheServerWhileEcdheWithGcmIsAccepted() throws Exception {
        assertThat(offer("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo("accepted TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        for (String refused : List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")) {
            assertThat(offer("TLSv1.2", refused)).as(refused).isEqualTo("refused: Received fatal alert: handshake_failure");
        }
    }

    @Test
    void tls11IsRefusedWithAnRsaCertificateToo() throws Exception {
        assertThat(offer("TLSv1.1", null)).endsWith("refused: Received fatal alert: protocol_version");
    }
}
