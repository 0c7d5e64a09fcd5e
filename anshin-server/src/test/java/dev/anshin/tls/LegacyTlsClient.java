package dev.anshin.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An old client, in a JVM of its own whose security settings allow TLS 1.0 and 1.1 again (this
 * JVM's do not, so it could not even ask): offers one protocol and prints what the server said.
 * {@link #offer} starts it from a test.
 */
public final class LegacyTlsClient {

    private LegacyTlsClient() {
    }

    /**
     * Arguments: host, port, trusted certificate file, protocol, and optionally the one cipher suite
     * to offer. Prints "accepted PROTOCOL SUITE" or "refused: MESSAGE".
     */
    public static void main(String[] args) throws Exception {
        try {
            var session = new TlsTestClient(Path.of(args[2])).handshake(args[0], Integer.parseInt(args[1]), args[3],
                    args.length > 4 ? args[4] : null);
            System.out.println("accepted " + session.getProtocol() + " " + session.getCipherSuite());
        } catch (SSLException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    /** Runs the old client against the server; what it printed. */
    static String offer(String host, int port, Path trusted, String protocol, Path workDirectory) throws Exception {
        return offer(host, port, trusted, protocol, null, workDirectory);
    }

    /** The same offering only {@code cipherSuite}, which this JVM's client might not offer at all (RSA key exchange). */
    static String offer(String host, int port, Path trusted, String protocol, String cipherSuite, Path workDirectory)
            throws Exception {
        // Only what the JDK forbids for weakness beyond the protocol versions stays forbidden.
        Path security = workDirectory.resolve("legacy-tls.security");
        java.nio.file.Files.writeString(security,
                "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
                        + "3DES_EDE_CBC, anon, NULL\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), LegacyTlsClient.class.getName(),
                host, Integer.toString(port), trusted.toAbsolutePath().toString(), protocol));
        if (cipherSuite != null) {
            command.add(cipherSuite);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the old client did not finish");
        }
        return new String(process.getInputStream().readAllBytes()).trim();
    }
}
