package dev.anshin.ekyc;

/**
 * The vendor's own reviewer's final word on a result its checks could not settle, sent as a new event
 * ({@code reviewOutcome} in the webhook's body): real vendors look at borderline cases by hand and report
 * the final result later. The sandbox's stand-in is its reviewer page ({@link SandboxPages}).
 */
public enum VendorReview {
    /** The reviewer found the person and the document consistent. */
    CONFIRMED,
    /** The reviewer did not: the identity is not verified. */
    REJECTED
}
