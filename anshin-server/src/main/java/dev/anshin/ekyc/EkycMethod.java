package dev.anshin.ekyc;

/**
 * The identification methods of the ordinance's art. 6(1)(i) that a vendor may report, by the
 * names the API speaks. Their words are in {@code i18n/ekyc*.properties} ({@code ekyc.method.*}).
 */
public enum EkycMethod {
    /** ホ: an image of a photo ID and an image of the applicant's face. Not accepted for non-face-to-face checks from 2027-04-01. */
    IMAGE_AND_FACE,
    /** ヘ: the data of the ID's IC chip and an image of the applicant's face. */
    IC_CHIP_AND_FACE,
    /** ワ: the signature certificate of the My Number Card (JPKI); no face image is needed. */
    JPKI;

    /** Whether the method compares the applicant's face with the document (ホ and ヘ; not ワ). */
    public boolean comparesFace() {
        return this != JPKI;
    }
}
