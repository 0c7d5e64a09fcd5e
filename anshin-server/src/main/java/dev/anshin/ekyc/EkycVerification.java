package dev.anshin.ekyc;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One verification as Anshin keeps it.
 *
 * @param id               the vendor's verification id (what its webhook names)
 * @param subjectReference the caller's opaque reference (an application id)
 * @param outcome          null until concluded
 * @param reasons          the policy's (or staff's) reasons; empty until concluded
 * @param result           what the vendor reported; null until a result came
 * @param version          moves by one with every change (optimistic locking)
 */
public record EkycVerification(String id, String subjectReference, String provider, EkycStatus status,
        EkycOutcome outcome, List<EkycReason> reasons, EkycResult result, URI returnUrl, String language,
        Instant startedAt, Instant resultReceivedAt, Instant concludedAt, int version) {

    public EkycVerification {
        reasons = List.copyOf(reasons);
    }
}
