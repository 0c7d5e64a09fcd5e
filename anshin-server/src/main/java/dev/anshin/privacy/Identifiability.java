package dev.anshin.privacy;

/** Whether a field identifies a person (APPI: easy linkage counts as identifying). */
public enum Identifiability {
    /** Identifies a person on its own (a name, a face, a card number). */
    ALONE,
    /** Not on its own, but by easy linkage with other data the issuer holds; treated as personal data. */
    BY_EASY_LINKAGE
}
