package dev.anshin.screening;

/** What a screening decides; words in the bundle ({@code screening.outcome.*}). */
public enum ScreeningOutcome {
    /** Granted, with the limits of the decision (possibly lower than asked). */
    APPROVE,
    /** To staff review, with what they need ({@link ScreeningDecision#needed()}). */
    REFER,
    /** Refused. */
    DECLINE;

    /** The bundle key of its words. */
    public String messageKey() {
        return "screening.outcome." + name();
    }
}
