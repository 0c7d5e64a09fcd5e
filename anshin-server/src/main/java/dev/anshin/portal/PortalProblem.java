package dev.anshin.portal;

/**
 * Why a portal step did not go through, as a message key the page shows. Sign-in failures all share
 * one key, so a page never tells whether a login id exists or an account is locked.
 */
class PortalProblem extends RuntimeException {

    enum Reason {
        ACTIVATION_CODE("portal.activate.error.code"),
        LOGIN_ID_FORMAT("portal.activate.error.login-id"),
        LOGIN_ID_TAKEN("portal.activate.error.login-id-taken"),
        PASSWORD_POLICY("portal.activate.error.password"),
        PASSWORD_MISMATCH("portal.activate.error.password-mismatch"),
        TOTP_CODE("portal.activate.error.totp");

        final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    final Reason reason;

    PortalProblem(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
