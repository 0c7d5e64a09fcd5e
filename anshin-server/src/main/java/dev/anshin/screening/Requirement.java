package dev.anshin.screening;

/** What staff need before a referred application can be decided; words in the bundle ({@code screening.requirement.*}). */
public enum Requirement {
    /** A proof of income (源泉徴収票, 確定申告書…), asked by the Money Lending Business Act above its thresholds. */
    PROOF_OF_INCOME,
    /** The credit bureau's report, which did not come (timeout or failure): screen again. */
    BUREAU_REPORT;

    /** The bundle key of its words. */
    public String messageKey() {
        return "screening.requirement." + name();
    }
}
