package dev.anshin.tls;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * The certificate the server presents when the operator configured none: an ECDSA P-256 key and a
 * self-signed certificate for {@code localhost}, the loopback addresses, this machine's host name
 * and the configured names, made at first start and kept in two owner-only PEM files, reused at
 * every start after. Replaced at start only while it is our own (self-signed) and would end within
 * {@link TlsProperties#RENEW_BEFORE} or misses a name now wanted; a certificate someone else signed
 * that was put in these files is used as it is. Browsers warn about it: it is for a first start,
 * tests, and clients told to trust the file; production gets the operator's certificate.
 *
 * <p>Bouncy Castle builds the certificate (its extensions are ASN.1 the JDK has no public API for);
 * signing and keys stay with the JDK's own providers.
 */
record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);

    /** What this certificate is, for a log line or a person comparing fingerprints. */
    String describe() {
        return "subject " + certificate.getSubjectX500Principal().getName() + ", valid until "
                + certificate.getNotAfter().toInstant() + ", SHA-256 fingerprint " + fingerprint(certificate);
    }

    /**
     * The certificate and key in these files, or new ones written there.
     *
     * @param names names and addresses it must cover besides the defaults (localhost, loopback, host name)
     */
    static SelfSignedCertificate loadOrCreate(Path certificateFile, Path keyFile, Collection<String> names,
            Duration validity, Clock clock) {
        Set<String> wanted = names(names);
        try {
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                SelfSignedCertificate existing = load(certificateFile, keyFile);
                String renewal = existing.renewal(wanted, clock.instant());
                if (renewal == null) {
                    OwnerOnlyFiles.restrict(certificateFile);
                    OwnerOnlyFiles.restrict(keyFile);
                    return existing;
                }
                log.warn("Replacing the self-signed TLS certificate in {}: {}", certificateFile, renewal);
            }
            SelfSignedCertificate created = create(wanted, validity, clock.instant());
            created.write(certificateFile, keyFile);
            log.warn("Created a self-signed TLS certificate in {} for {}; {}. Browsers will warn about it: "
                            + "configure your own certificate (docs/tls.md), or have clients trust this file.",
                    certificateFile, wanted, created.describe());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the TLS certificate " + certificateFile, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed TLS certificate", e);
        }
    }

    static SelfSignedCertificate load(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = PemContent.load(certificateFile).getCertificates();
        PrivateKey key = PemContent.load(keyFile).getPrivateKey();
        if (chain.isEmpty() || key == null) {
            throw new IllegalStateException("no certificate in " + certificateFile + " or no private key in " + keyFile);
        }
        return new SelfSignedCertificate(chain.get(0), key);
    }

    /** Why this certificate should be made anew, or null while it serves. */
    private String renewal(Set<String> wanted, Instant now) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return null; // signed by someone else: the operator's, never replaced here
        }
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(TlsProperties.RENEW_BEFORE))) {
            return "it ends " + certificate.getNotAfter().toInstant();
        }
        Set<String> covered = subjectAlternativeNames(certificate);
        if (!covered.containsAll(wanted)) {
            Set<String> missing = new LinkedHashSet<>(wanted);
            missing.removeAll(covered);
            return "it does not cover " + missing;
        }
        return null;
    }

    private static SelfSignedCertificate create(Set<String> names, Duration validity, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Anshin self-signed")
                .addRDN(BCStyle.CN, names.stream().filter(n -> !IPAddress.isValid(n)).reduce((a, b) -> b).orElse("localhost"))
                .build();
        GeneralName[] alternativeNames = names.stream()
                .map(n -> new GeneralName(IPAddress.isValid(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        // Backdated an hour so that a client whose clock is a little behind still accepts it.
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        certificate.verify(pair.getPublic());
        return new SelfSignedCertificate(certificate, pair.getPrivate());
    }

    /** Key first: a certificate never sits next to a key it does not belong to longer than a crash. */
    private void write(Path certificateFile, Path keyFile) throws IOException {
        OwnerOnlyFiles.write(keyFile, pem(new JcaPKCS8Generator(privateKey, null)));
        OwnerOnlyFiles.write(certificateFile, pem(certificate));
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** localhost, the loopback addresses, this machine's names and the configured ones, in canonical form. */
    static Set<String> names(Collection<String> configured) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : List.of("localhost", "127.0.0.1", "::1")) {
            names.add(canonical(name));
        }
        try {
            InetAddress host = InetAddress.getLocalHost();
            for (String name : List.of(host.getHostName(), host.getCanonicalHostName())) {
                if (!IPAddress.isValid(name)) {
                    names.add(canonical(name));
                }
            }
        } catch (UnknownHostException noHostName) {
            log.debug("No host name for the self-signed certificate: {}", noHostName.getMessage());
        }
        configured.stream().map(String::trim).filter(n -> !n.isEmpty()).map(SelfSignedCertificate::canonical)
                .forEach(names::add);
        return names;
    }

    /** A host name in lower case; an address as the JDK spells it (IPv6 in full), so both sides compare equal. */
    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!IPAddress.isValid(lower)) {
            return lower;
        }
        try {
            return InetAddress.getByName(lower).getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            throw new IllegalArgumentException("not an address: " + name, notAnAddress);
        }
    }

    static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    names.add(canonical(String.valueOf(entry.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("cannot read the names of the TLS certificate", e);
        }
        return names;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
