package dev.anshin.ekyc;

/**
 * A verification reached an outcome: the policy's (PASSED, FAILED, REVIEW), staff's after a review
 * (PASSED, FAILED), or EXPIRED. EXPIRED may be followed by another conclusion for the same
 * verification: a result the vendor completed before the expiry and delivered after it is judged. Published in the transaction that concludes it; consume it with
 * {@code @ApplicationModuleListener} (after commit). There is no event store: a listener that must
 * not miss one also reads {@link EkycVerifications#find} when the applicant comes back.
 */
public record EkycConcluded(String verificationId, String subjectReference, EkycOutcome outcome) {
}
