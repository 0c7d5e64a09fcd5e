package dev.anshin.disputes;

/** Where a report came in. */
public enum Channel {
    /** The cardholder, signed in to the portal. */
    PORTAL,
    /** Customer service, for a cardholder on the phone or at a counter, through the API. */
    STAFF
}
