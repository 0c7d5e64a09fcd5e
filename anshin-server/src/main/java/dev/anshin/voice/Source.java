package dev.anshin.voice;

/** How a voice reached Anshin (not the customer's channel: a store's system may send a STORE voice via the API). */
public enum Source {
    /** {@code POST /api/v1/voices} from the call-center or store systems. */
    API,
    /** The signed-in cardholder's opinion form in the portal. */
    PORTAL,
    /** The public opinion form (no sign-in). */
    PUBLIC_FORM,
    /** Typed in by staff at a store counter. */
    STAFF,
    /** A row of a call-center CSV export. */
    IMPORT
}
