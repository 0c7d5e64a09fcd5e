package dev.anshin.ekyc;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The port to an eKYC vendor. An adapter starts a verification at the vendor and says where the
 * applicant continues; the vendor reports the result later by the signed webhook
 * ({@code POST /api/v1/ekyc/results}), in the payload docs/ekyc.md describes. The demo and the tests
 * use {@link SandboxEkycProvider}; a real vendor (TRUSTDOCK, Liquid…) gets an adapter of its own,
 * selected by {@code anshin.ekyc.provider} (docs/ekyc.md, "Plugging in a real vendor").
 */
public interface EkycProvider {

    /** The adapter's name, as {@code anshin.ekyc.provider} selects it and as stored with each verification. */
    String name();

    /**
     * Starts a verification at the vendor. Must not block for long (the applicant waits): a vendor
     * that cannot be reached is an {@link EkycUnavailable}.
     */
    StartedAtVendor start(VerificationRequest request);

    /**
     * What the caller asks for.
     *
     * @param subjectReference the caller's opaque reference (an application id); never personal data
     * @param returnUrl        where the vendor sends the applicant back when done (a path on Anshin or an http(s) URL)
     * @param language         the applicant's language (ja or en)
     */
    record VerificationRequest(String subjectReference, URI returnUrl, Locale language) {
        public VerificationRequest {
            Objects.requireNonNull(subjectReference, "subjectReference");
            Objects.requireNonNull(returnUrl, "returnUrl");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * The vendor's answer.
     *
     * @param verificationId the vendor's id of the verification, which its webhook names
     * @param continueUrl    where the applicant continues at the vendor
     */
    record StartedAtVendor(String verificationId, URI continueUrl) {
        public StartedAtVendor {
            Objects.requireNonNull(verificationId, "verificationId");
            Objects.requireNonNull(continueUrl, "continueUrl");
        }
    }
}
