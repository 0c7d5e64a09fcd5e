package dev.anshin.ekyc;

import java.time.Instant;
import java.util.Objects;

/**
 * What a vendor reported about one verification, and all Anshin keeps of it: the method, the scores
 * and the document checks' outcomes. No image and no document number (docs/ekyc.md says why).
 *
 * @param faceMatchScore similarity of the live face and the document's photo, 0 to 1; null for JPKI
 * @param livenessScore  confidence that a live person was in front of the camera, 0 to 1; null for JPKI
 * @param completedAt    when the vendor finished the check
 */
public record EkycResult(EkycMethod method, Double faceMatchScore, Double livenessScore, DocumentChecks document,
        Instant completedAt) {

    public EkycResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(completedAt, "completedAt");
        unit("faceMatchScore", faceMatchScore);
        unit("livenessScore", livenessScore);
    }

    /**
     * The vendor's checks of the document.
     *
     * @param spoofRisk     how likely the document is forged, altered or a screen or photocopy, 0 to 1
     * @param ocrConfidence how surely the text was read, 0 to 1; null when the data came from the IC chip
     */
    public record DocumentChecks(DocumentType documentType, boolean documentExpired, double spoofRisk,
            Double ocrConfidence) {

        public DocumentChecks {
            Objects.requireNonNull(documentType, "documentType");
            unit("spoofRisk", spoofRisk);
            unit("ocrConfidence", ocrConfidence);
        }
    }

    static void unit(String name, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }
}
