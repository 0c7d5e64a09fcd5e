package dev.anshin.access;

/** What a machine client or a staff member may do. */
public enum Role {
    /** Sends authorizations to be scored. */
    SCORER,
    /** Reports confirmed fraud or genuine outcomes. */
    LABELER,
    /** Reads decisions, models and rules; uses the console. */
    ANALYST,
    /** Changes rules, models, cards and API clients. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
