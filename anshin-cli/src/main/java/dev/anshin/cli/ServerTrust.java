package dev.anshin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Option;

/**
 * How a command that talks to a running server trusts its certificate on an https URL: the
 * system's certificate authorities, plus the certificate(s) in {@code --ca-cert} (by default the
 * server's self-signed certificate in ./data, when it is there). Verification is never turned off:
 * the server's name must match its certificate, and only this command's connections trust the file.
 */
final class ServerTrust {

    /** Where {@code anshin serve} keeps its self-signed certificate with the default data folder. */
    static final Path SELF_SIGNED = Path.of("data", "tls-certificate.pem");

    @Option(names = "--ca-cert", paramLabel = "PEM", defaultValue = "${env:ANSHIN_CA_CERT}",
            description = {"Certificate(s) to trust for an https URL, besides the system's certificate authorities "
                            + "(default: $ANSHIN_CA_CERT, else data/tls-certificate.pem when it exists: the "
                            + "self-signed certificate `anshin serve` made; docs/tls.md)."})
    Path caCert;

    /** An HTTP client for {@code url}: TLS trusting the system's CAs and the server's certificate when https. */
    HttpClient httpClient(URI url) throws IOException, GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if ("https".equalsIgnoreCase(url.getScheme())) {
            builder.sslContext(sslContext());
        }
        return builder.build();
    }

    /** TLS that trusts the system's certificate authorities and the certificate file, if any. */
    SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        int n = 0;
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate authority : x509.getAcceptedIssuers()) {
                    trusted.setCertificateEntry("system-" + n++, authority);
                }
            }
        }
        Path file = certificateFile();
        if (file != null) {
            for (Certificate certificate : certificates(file)) {
                trusted.setCertificateEntry("server-" + n++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The file given, else the default self-signed certificate if it exists, else none. */
    private Path certificateFile() throws IOException {
        if (caCert != null) {
            if (!Files.isReadable(caCert)) {
                throw new IOException("cannot read the certificate file " + caCert + " (--ca-cert)");
            }
            return caCert;
        }
        return Files.isReadable(SELF_SIGNED) ? SELF_SIGNED : null;
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return certificates;
        }
    }
}
