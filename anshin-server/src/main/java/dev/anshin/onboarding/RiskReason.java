package dev.anshin.onboarding;

import static dev.anshin.onboarding.ApplicationRiskPolicy.STRONG;
import static dev.anshin.onboarding.ApplicationRiskPolicy.SUPPORTING;

/**
 * Why the application policy refers or declines (or notes something): a stable code, with words in
 * {@code i18n/onboarding} for staff ({@code onboarding.reason.CODE.staff}) and, in plain words, for the
 * applicant ({@code onboarding.reason.CODE.applicant}).
 */
public enum RiskReason {
    // Weights of the fraud signals (Effect.SCORE), set by judgement on how strong the evidence is for
    // applications in the real world, not fitted on the demo's simulator; the cut is
    // ApplicationRiskPolicy#REFER_CUT (10). STRONG refers on its own, SUPPORTING only with another signal.

    /** eKYC: a spoofed document, another face, failed liveness. Declines; its weight only shows in the score. */
    IDENTITY_FAILED(Effect.DECLINE, STRONG),
    /** The identity is not verified yet (another document, a review, time ran out): refers, not a fraud signal. */
    IDENTITY_NOT_CONFIRMED(Effect.REFER),
    IDENTITY_REVIEW(Effect.REFER),
    IDENTITY_EXPIRED(Effect.REFER),
    /** Never approve unknown: no eKYC result. */
    IDENTITY_UNKNOWN(Effect.REFER),
    /** Strong: a labelled fraud was made from this very device. */
    DEVICE_CONFIRMED_FRAUD(Effect.SCORE, STRONG),
    /** Strong: a person's browser does not announce webdriver, headless or a software renderer to a card form. */
    DEVICE_AUTOMATION(Effect.SCORE, STRONG),
    /** Strong: three or more applications within 30 days, a bound that already leaves a household's two. */
    DEVICE_MANY_APPLICATIONS(Effect.SCORE, STRONG),
    /** Strong: three or more customers on one device (the bound leaves a couple): a mule's or a ring's phone. */
    DEVICE_SHARED_BY_CUSTOMERS(Effect.SCORE, STRONG),
    /** Supporting: a family's cards add up on a shared tablet; telling with another signal. */
    DEVICE_MANY_CARDS(Effect.SCORE, SUPPORTING),
    /** Supporting: the linked customer may be the victim (a skimmed card), not the fraudster. */
    DEVICE_FRAUD_ON_LINKED_CARDS(Effect.SCORE, SUPPORTING),
    /** Supporting: a person going back and forth through the form, or a family, makes many visits too. */
    DEVICE_HIGH_VELOCITY(Effect.SCORE, SUPPORTING),
    /** Strong: a browser never presents another application's observation; a replayed reference is tampering. */
    DEVICE_REUSED_OBSERVATION(Effect.SCORE, STRONG),
    /** Strong: a device reason this version does not know refers rather than pass unseen. */
    DEVICE_OTHER_SIGNAL(Effect.SCORE, STRONG),
    /** Weak: residents travel, and keep a phone on home time; only with another signal. */
    DEVICE_TIMEZONE_OUTSIDE_JAPAN(Effect.SCORE, SUPPORTING),
    /** Never approve unknown: a web application without a usable device observation. Not weighed. */
    NO_DEVICE_EVIDENCE(Effect.REFER),
    /** Supporting: a person who abandoned, or was declined, and tries again is common. */
    DUPLICATE_IDENTITY(Effect.SCORE, SUPPORTING),
    /**
     * The same identity has an application in progress or a card issued from one (at any time): refers, not a
     * fraud signal; one person, one application at a time, and a second card is staff's decision.
     */
    SAME_PERSON_ACTIVE(Effect.REFER),
    /**
     * Supporting: a household shares a number; two people sharing phone and e-mail is a ring's pattern. Beside
     * DUPLICATE_IDENTITY the phone, e-mail and device duplicates add nothing (the same person trying again).
     */
    DUPLICATE_PHONE(Effect.SCORE, SUPPORTING),
    DUPLICATE_EMAIL(Effect.SCORE, SUPPORTING),
    /** Supporting: a partner or a parent applies on the same phone or PC; the strong form is MANY_APPLICATIONS. */
    DUPLICATE_DEVICE(Effect.SCORE, SUPPORTING),
    SCREENING_DECLINED(Effect.DECLINE),
    SCREENING_REFERRED(Effect.REFER),
    /** Never approve unknown: no screening decision. */
    SCREENING_UNKNOWN(Effect.REFER),
    /** Weak: many residents of Japan use another language; only with another signal. */
    DEVICE_LANGUAGE_NOT_JAPANESE(Effect.SCORE, SUPPORTING),
    PARTNER_WITHOUT_DEVICE(Effect.NOTE),
    STAFF_DECISION(Effect.NOTE);

    /**
     * What a reason does to the decision: a note never stops an approval; a {@code SCORE} reason adds its
     * weight to the fraud score, and refers only when the score reaches the cut
     * ({@link ApplicationRiskPolicy#effectIn}); REFER and DECLINE act on their own.
     */
    public enum Effect {
        NOTE, SCORE, REFER, DECLINE
    }

    private final Effect effect;
    private final int weight;

    RiskReason(Effect effect) {
        this(effect, 0);
    }

    RiskReason(Effect effect, int weight) {
        this.effect = effect;
        this.weight = weight;
    }

    /** What the reason does on its own; for a {@code SCORE} reason, what it does depends on the others. */
    public Effect effect() {
        return effect;
    }

    /** Its weight in the fraud score: 0 for a reason that is not a fraud signal. */
    public int weight() {
        return weight;
    }

    /** Whether it is evidence of fraud (weighed in the fraud score), as opposed to the law's or a missing part. */
    public boolean fraudSignal() {
        return weight > 0;
    }

    public String staffMessageKey() {
        return "onboarding.reason." + name() + ".staff";
    }

    public String applicantMessageKey() {
        return "onboarding.reason." + name() + ".applicant";
    }
}
