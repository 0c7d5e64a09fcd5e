package dev.anshin.privacy;

/**
 * Where a data-subject request stands: received, in progress, then completed or rejected (with a
 * reason code). Completed and rejected are final. Completing marks a request whose effect is being
 * carried out: it can no longer be rejected, and a completion interrupted there is simply retried.
 */
public enum RequestStatus {
    RECEIVED("受付済み", "Received"),
    IN_PROGRESS("対応中", "In progress"),
    COMPLETING("対応中", "In progress"),
    COMPLETED("完了", "Completed"),
    REJECTED("お応えできません", "Rejected");

    private final String labelJa;
    private final String labelEn;

    RequestStatus(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public boolean open() {
        return this == RECEIVED || this == IN_PROGRESS || this == COMPLETING;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }
}
