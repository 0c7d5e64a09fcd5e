package dev.anshin.cli;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLException;

/**
 * What the commands print when something went wrong: the reason as a person can act on it. An
 * exception without a message is named by its kind and its cause (never "failed: null"); a server
 * certificate that is not trusted says which option trusts it.
 */
final class Failures {

    /** The hint for a certificate the client does not trust (a self-signed one, most often). */
    static final String CERTIFICATE_HINT = "the server's certificate is not trusted: give it, or the authority that "
            + "signed it, with --ca-cert (the self-signed one `anshin serve` made is data/tls-certificate.pem in the "
            + "server's data folder: --ca-cert data/tls-certificate.pem; docs/tls.md)";

    private Failures() {
    }

    /** The exception's message, or its kind and its cause's message when it has none. */
    static String describe(Throwable failure) {
        if (untrustedCertificate(failure)) {
            return CERTIFICATE_HINT;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause == failure ? cause.getMessage()
                        : failure.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == failure ? failure.getClass().getSimpleName() + " (no detail given)"
                : failure.getClass().getSimpleName() + ", caused by " + root.getClass().getSimpleName()
                        + " (no detail given)";
    }

    /** "cannot reach URL: reason", with the certificate hint when that is why. */
    static String unreachable(URI url, Throwable failure) {
        return "cannot reach " + url + ": " + describe(failure);
    }

    /** Whether the TLS handshake failed because no trusted certificate path led to the server's certificate. */
    static boolean untrustedCertificate(Throwable failure) {
        boolean tls = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            tls |= cause instanceof SSLException;
            String message = cause.getMessage();
            if (cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException
                    || message != null && (message.contains("PKIX path") || message.contains("unable to find valid "
                            + "certification path"))) {
                return true;
            }
        }
        return tls && failure.toString().contains("certificate_unknown");
    }
}
