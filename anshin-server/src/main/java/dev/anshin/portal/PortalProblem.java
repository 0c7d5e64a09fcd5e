package dev.anshin.portal;

/**
 * Why a portal step did not go through, as a message key the page shows. Sign-in failures all share
 * one key, so a page never tells whether a login id exists or an account is locked.
 */
class PortalProblem extends RuntimeException {

    enum Reason {
        ACTIVATION_CODE("portal.activate.error.code", "activationCode"),
        LOGIN_ID_FORMAT("portal.activate.error.login-id", "loginId"),
        LOGIN_ID_TAKEN("portal.activate.error.login-id-taken", "loginId"),
        PASSWORD_POLICY("portal.activate.error.password", "password"),
        PASSWORD_MISMATCH("portal.activate.error.password-mismatch", "passwordAgain"),
        TOTP_CODE("portal.activate.error.totp", "code");

        final String messageKey;
        /** The form field the refusal is about, where the page shows it. */
        final String field;

        Reason(String messageKey, String field) {
            this.messageKey = messageKey;
            this.field = field;
        }
    }

    final Reason reason;

    PortalProblem(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
