package dev.anshin.ekyc;

/** The identity document the vendor checked (its words: {@code ekyc.document.*}). */
public enum DocumentType {
    DRIVERS_LICENSE,
    MY_NUMBER_CARD,
    RESIDENCE_CARD,
    PASSPORT,
    /** Another document: staff look at it. */
    OTHER
}
