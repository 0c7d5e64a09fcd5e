package dev.anshin.access;

/** A lifecycle action on API keys that is not possible as asked; nothing changed. */
class KeyLifecycleRefused extends RuntimeException {

    enum Reason {
        /** The name has a valid key: issuing again would leave it silently valid; rotate or revoke it. */
        NAME_IN_USE,
        /** The name has no valid key (never issued, revoked or expired). */
        NO_VALID_KEY,
        /** The key is made by the server at start (the startup key, the demo's): its operator replaces it. */
        CONFIGURED_AT_START,
        /** The key holds roles an administrator cannot issue (personal data, card numbers, the audit trail). */
        ROLES_NOT_ISSUABLE,
        /** The key to rotate is not the name's newest any more: someone (or the same form, sent again) rotated it. */
        ROTATED_ALREADY,
        /** A lifetime that is not positive or is longer than the maximum. */
        INVALID_LIFETIME,
        /** An overlap that is negative or longer than the maximum lifetime. */
        INVALID_OVERLAP
    }

    final Reason reason;
    final String name;

    KeyLifecycleRefused(Reason reason, String name) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.name = name;
    }
}
