package dev.anshin.ekyc;

import java.time.Instant;

/**
 * What the sandbox vendor pretends to have seen, chosen by a tester on its capture page (words:
 * {@code ekyc.sandbox.scenario.*}). Each makes the result a real vendor would report in that case.
 */
enum SandboxScenario {
    PASS(0.97, 0.98, false, 0.02),
    FACE_MISMATCH(0.31, 0.97, false, 0.03),
    LIVENESS_FAIL(0.93, 0.12, false, 0.04),
    EXPIRED_DOCUMENT(0.95, 0.97, true, 0.03),
    SPOOFED_DOCUMENT(0.90, 0.95, false, 0.91),
    /** A face that matches only somewhat: the policy sends it to a person. */
    BORDERLINE_FACE(0.74, 0.96, false, 0.05);

    private final double faceMatch;
    private final double liveness;
    private final boolean expired;
    private final double spoofRisk;

    SandboxScenario(double faceMatch, double liveness, boolean expired, double spoofRisk) {
        this.faceMatch = faceMatch;
        this.liveness = liveness;
        this.expired = expired;
        this.spoofRisk = spoofRisk;
    }

    /** The result for the method: JPKI reads the My Number Card's certificate, so it has no face scores and no OCR. */
    EkycResult result(EkycMethod method, Instant completedAt) {
        boolean face = method.comparesFace();
        DocumentType document = method == EkycMethod.IMAGE_AND_FACE ? DocumentType.DRIVERS_LICENSE
                : DocumentType.MY_NUMBER_CARD;
        Double ocr = method == EkycMethod.IMAGE_AND_FACE ? 0.96 : null;
        return new EkycResult(method, face ? faceMatch : null, face ? liveness : null,
                new EkycResult.DocumentChecks(document, expired, spoofRisk, ocr), completedAt);
    }
}
