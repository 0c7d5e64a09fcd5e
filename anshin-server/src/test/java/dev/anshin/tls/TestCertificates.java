package dev.anshin.tls;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An operator's certificate as the tests need one: a certificate authority of their own and a server certificate it signed. */
final class TestCertificates {

    /** A server certificate and its key, signed by {@code authority}. */
    record Issued(X509Certificate certificate, PrivateKey privateKey, X509Certificate authority) {

        void writePkcs12(Path file, String password) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", privateKey, password.toCharArray(), new Certificate[] {certificate, authority});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
        }
    }

    private TestCertificates() {
    }

    /** A certificate authority and a certificate it signed for {@code dnsName}, valid from an hour ago for {@code validity}. */
    static Issued issue(String dnsName, Instant now, Duration validity) throws Exception {
        return issue(dnsName, now, validity, "EC");
    }

    /** The same with keys of {@code algorithm}: "EC" (P-256) or "RSA" (2048 bits). */
    static Issued issue(String dnsName, Instant now, Duration validity, String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if ("RSA".equals(algorithm)) {
            generator.initialize(2048);
        }
        String signature = "RSA".equals(algorithm) ? "SHA256withRSA" : "SHA256withECDSA";
        KeyPair authorityKeys = generator.generateKeyPair();
        KeyPair serverKeys = generator.generateKeyPair();
        X500Name authorityName = new X500Name("CN=Test Issuer CA,O=Anshin tests");
        Date from = Date.from(now.minus(Duration.ofHours(1)));
        Date until = Date.from(now.plus(validity));
        X509Certificate authority = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                authorityName, BigInteger.ONE, from, until, authorityName, authorityKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder(signature).build(authorityKeys.getPrivate())));
        X509Certificate server = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                authorityName, BigInteger.TWO, from, until, new X500Name("CN=" + dnsName), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)))
                .build(new JcaContentSignerBuilder(signature).build(authorityKeys.getPrivate())));
        return new Issued(server, serverKeys.getPrivate(), authority);
    }

    /** PEM text of a certificate, or of a private key as PKCS#8. */
    static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        }
        return text.toString();
    }

    /**
     * An operator's certificate for localhost (key of the given algorithm) in a fresh folder: its
     * PKCS#12 store {@code anshin.p12} and the issuing authority's {@code issuer-ca.pem}.
     */
    static Issued operatorFolder(Path folder, String algorithm) {
        try {
            Files.createDirectories(folder);
            Issued issued = issue("localhost", Instant.now(), Duration.ofDays(90), algorithm);
            issued.writePkcs12(folder.resolve("anshin.p12"), "operator-store-password");
            Files.writeString(folder.resolve("issuer-ca.pem"), pem(issued.authority()));
            return issued;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The server's settings for the operator's store in {@link #operatorFolder} (certificate files beside it). */
    static void operatorBundle(DynamicPropertyRegistry registry, Path folder) {
        registry.add("spring.ssl.bundle.jks.anshin.keystore.location", () -> "file:" + folder.resolve("anshin.p12"));
        registry.add("anshin.tls.certificate-file", () -> folder.resolve("tls-certificate.pem").toString());
        registry.add("anshin.tls.private-key-file", () -> folder.resolve("tls-private-key.pem").toString());
    }
}
