package dev.anshin.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS settings. Whether the server speaks TLS at all, and with which certificate, are Spring
 * Boot's own settings ({@code server.ssl.enabled}, the SSL bundle {@code anshin}); these are the
 * self-signed certificate made when the operator configured none, and the protocol policy applied
 * to any certificate.
 *
 * @param certificateFile the self-signed certificate (PEM), made at first start; clients trust this file
 * @param privateKeyFile  its private key (PKCS#8 PEM), owner-only
 * @param hostNames       names and addresses the self-signed certificate is made for besides
 *                        {@code localhost}, 127.0.0.1, ::1 and this machine's host name
 * @param validity        how long a self-signed certificate is valid; a new one is made at start
 *                        once less than {@link #RENEW_BEFORE} is left
 * @param protocols       TLS versions offered: TLSv1.3 and TLSv1.2 only (anything older is refused at start)
 * @param ciphers         cipher suites offered, in the server's order of preference (forward secrecy
 *                        and AEAD only: ECDHE with AES-GCM or ChaCha20-Poly1305, and the TLS 1.3 suites)
 */
@ConfigurationProperties("anshin.tls")
record TlsProperties(Path certificateFile, Path privateKeyFile, @DefaultValue List<String> hostNames,
        @DefaultValue("365d") Duration validity,
        @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols,
        @DefaultValue({
                "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
        List<String> ciphers) {

    /** A self-signed certificate with less than this left is replaced at start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    TlsProperties {
        if (protocols.isEmpty() || !ALLOWED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("anshin.tls.protocols may name TLSv1.3 and TLSv1.2 only, not " + protocols);
        }
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("anshin.tls.ciphers must name at least one cipher suite");
        }
        if (validity.compareTo(RENEW_BEFORE.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("anshin.tls.validity must be at least " + RENEW_BEFORE.multipliedBy(2).toDays()
                    + " days (a certificate is renewed " + RENEW_BEFORE.toDays() + " days before it ends)");
        }
        hostNames = List.copyOf(hostNames);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }
}
