package dev.anshin.privacy;

/** Where a consent choice was made. */
public enum ConsentChannel {
    PORTAL, APPLICATION_FORM, CALL_CENTER, BRANCH, MAIL
}
