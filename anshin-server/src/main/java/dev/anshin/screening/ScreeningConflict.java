package dev.anshin.screening;

/**
 * The application id was screened before with other figures or limits: a retry must send the same
 * application, and a changed application needs a new id (or staff's re-screening). Carries the id only.
 */
public final class ScreeningConflict extends RuntimeException {

    private final String applicationId;

    public ScreeningConflict(String applicationId) {
        super("application " + applicationId + " was screened with other figures", null, false, false);
        this.applicationId = applicationId;
    }

    public String applicationId() {
        return applicationId;
    }
}
