package dev.anshin.demo;

/**
 * Who a simulated applicant really is: the simulator's truth, against which the demo counts the
 * decisions. Two kinds of genuine people (the ordinary, and those who ask for more than they can repay)
 * and four kinds of fraud.
 */
enum ApplicantKind {
    /** An ordinary person asking for limits within what they can repay. */
    GENUINE("genuine", false),
    /** A genuine person asking for more than the law lets them be lent: the screening's case, not fraud. */
    OVER_ASKING("over-asking", false),
    /** Made-up but plausible data, a fresh e-mail, a device whose clock and languages are not Japan's. */
    SYNTHETIC_IDENTITY("synthetic", true),
    /** One device (the same collector signals) submitting many applications under different names. */
    DEVICE_FARM("device-farm", true),
    /** A script driving a browser: webdriver set, a headless user agent, a software renderer (some hide them). */
    BOT("bot", true),
    /** Someone else's real identity: the face and liveness checks at the eKYC vendor fail. */
    STOLEN_IDENTITY("stolen-identity", true);

    private final String label;
    private final boolean fraud;

    ApplicantKind(String label, boolean fraud) {
        this.label = label;
        this.fraud = fraud;
    }

    /** The short name in the demo's log line. */
    String label() {
        return label;
    }

    boolean fraud() {
        return fraud;
    }
}
