package dev.anshin.ekyc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges one vendor result: a pure function of the result, the time of the check and the
 * thresholds, so every conclusion can be replayed and explained (like the disputes' Investigator).
 *
 * <p>Every rule that applies adds its reason; the outcome is the worst of them (FAILED over REVIEW
 * over PASSED), so staff see everything that was wrong, not only the first thing. A result is
 * PASSED only when nothing raised a reason.
 *
 * <p>The dated rule: from {@link Thresholds#imageMethodEndsAt()} (2027-04-01 00:00 JST) the image
 * method ホ ({@link EkycMethod#IMAGE_AND_FACE}) is abolished for non-face-to-face checks; a result by
 * that method checked at or after the instant fails, whatever its scores.
 */
public final class EkycPolicy {

    /** 2027-04-01 00:00 in Japan: the instant from which ホ is not accepted. */
    public static final Instant IMAGE_METHOD_ENDS_AT = OffsetDateTime.parse("2027-04-01T00:00:00+09:00").toInstant();

    /**
     * The policy's thresholds. A score at or above {@code …Pass} passes, below {@code …Fail} fails,
     * anything between goes to review; a spoof risk at or above {@code spoofFail} fails, at or above
     * {@code spoofReview} goes to review; an OCR confidence below {@code ocrReview} goes to review.
     */
    public record Thresholds(double faceMatchPass, double faceMatchFail, double livenessPass, double livenessFail,
            double spoofReview, double spoofFail, double ocrReview, Instant imageMethodEndsAt) {

        /** The defaults (anshin.ekyc.policy.*): strict enough that a borderline face goes to a person. */
        public static final Thresholds DEFAULTS = new Thresholds(0.85, 0.60, 0.90, 0.50, 0.30, 0.80, 0.70,
                IMAGE_METHOD_ENDS_AT);

        public Thresholds {
            Objects.requireNonNull(imageMethodEndsAt, "imageMethodEndsAt");
            ordered("faceMatch", faceMatchFail, faceMatchPass);
            ordered("liveness", livenessFail, livenessPass);
            ordered("spoof", spoofReview, spoofFail);
            EkycResult.unit("ocrReview", ocrReview);
        }

        private static void ordered(String name, double low, double high) {
            EkycResult.unit(name, low);
            EkycResult.unit(name, high);
            if (low > high) {
                throw new IllegalArgumentException(name + ": the lower threshold is above the upper one");
            }
        }
    }

    /** The outcome and every reason for it (CHECKS_PASSED alone when it passed). */
    public record Conclusion(EkycOutcome outcome, List<EkycReason> reasons) {
        public Conclusion {
            reasons = List.copyOf(reasons);
        }
    }

    private final Thresholds thresholds;

    public EkycPolicy(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** Whether the method may be used for a non-face-to-face check made at {@code checkedAt}. */
    public boolean accepts(EkycMethod method, Instant checkedAt) {
        return method != EkycMethod.IMAGE_AND_FACE || checkedAt.isBefore(thresholds.imageMethodEndsAt());
    }

    /**
     * Judges the result.
     *
     * @param checkedAt the time of the check (the receiver's, see {@link EkycVerifications}): the dated rule
     *                  is read at this instant
     */
    public Conclusion judge(EkycResult result, Instant checkedAt) {
        return judge(result, checkedAt, null);
    }

    /**
     * Judges a result that may carry the vendor's reviewer's final word ({@code reviewed}, null when none):
     * REJECTED fails; CONFIRMED settles what would have gone to review (the reviewer looked at it), but a
     * rule that fails still fails (an expired document, a method no longer accepted). So a reviewed result is
     * never referred again: PASSED or FAILED.
     */
    public Conclusion judge(EkycResult result, Instant checkedAt, VendorReview reviewed) {
        List<EkycReason> failed = new ArrayList<>();
        List<EkycReason> review = new ArrayList<>();
        if (!accepts(result.method(), checkedAt)) {
            failed.add(EkycReason.METHOD_NO_LONGER_ACCEPTED);
        }
        EkycResult.DocumentChecks document = result.document();
        if (document.documentExpired()) {
            failed.add(EkycReason.DOCUMENT_EXPIRED);
        }
        if (document.spoofRisk() >= thresholds.spoofFail()) {
            failed.add(EkycReason.DOCUMENT_SPOOFED);
        } else if (document.spoofRisk() >= thresholds.spoofReview()) {
            review.add(EkycReason.DOCUMENT_SPOOF_SUSPECTED);
        }
        if (result.method() == EkycMethod.JPKI && document.documentType() != DocumentType.MY_NUMBER_CARD) {
            failed.add(EkycReason.DOCUMENT_NOT_MY_NUMBER_CARD);
        } else if (document.documentType() == DocumentType.OTHER) {
            review.add(EkycReason.DOCUMENT_TYPE_NOT_LISTED);
        }
        if (document.ocrConfidence() != null && document.ocrConfidence() < thresholds.ocrReview()) {
            review.add(EkycReason.DOCUMENT_UNCLEAR);
        }
        if (result.method().comparesFace()) {
            face(result, failed, review);
        }
        if (reviewed == VendorReview.REJECTED) {
            failed.add(EkycReason.VENDOR_REVIEW_REJECTED);
            return new Conclusion(EkycOutcome.FAILED, failed);
        }
        if (reviewed == VendorReview.CONFIRMED) {
            return failed.isEmpty() ? new Conclusion(EkycOutcome.PASSED, List.of(EkycReason.VENDOR_REVIEW_CONFIRMED))
                    : new Conclusion(EkycOutcome.FAILED, failed);
        }
        List<EkycReason> reasons = new ArrayList<>(failed);
        reasons.addAll(review);
        if (!failed.isEmpty()) {
            return new Conclusion(EkycOutcome.FAILED, reasons);
        }
        if (!review.isEmpty()) {
            return new Conclusion(EkycOutcome.REVIEW, reasons);
        }
        return new Conclusion(EkycOutcome.PASSED, List.of(EkycReason.CHECKS_PASSED));
    }

    private void face(EkycResult result, List<EkycReason> failed, List<EkycReason> review) {
        if (result.faceMatchScore() == null || result.livenessScore() == null) {
            review.add(EkycReason.FACE_CHECK_MISSING);
        }
        if (result.livenessScore() != null) {
            if (result.livenessScore() < thresholds.livenessFail()) {
                failed.add(EkycReason.LIVENESS_FAILED);
            } else if (result.livenessScore() < thresholds.livenessPass()) {
                review.add(EkycReason.LIVENESS_UNCERTAIN);
            }
        }
        if (result.faceMatchScore() != null) {
            if (result.faceMatchScore() < thresholds.faceMatchFail()) {
                failed.add(EkycReason.FACE_MISMATCH);
            } else if (result.faceMatchScore() < thresholds.faceMatchPass()) {
                review.add(EkycReason.FACE_MATCH_UNCERTAIN);
            }
        }
    }
}
