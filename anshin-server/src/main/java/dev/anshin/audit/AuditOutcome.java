package dev.anshin.audit;

/** The result of an audited action. */
public enum AuditOutcome {
    /** Done as asked. */
    SUCCESS,
    /** Attempted but failed (invalid input, a fault, a wrong password). */
    FAILURE,
    /** Refused by access control or policy. */
    DENIED
}
