package dev.anshin.onboarding;

/**
 * Why the application policy refers or declines (or notes something): a stable code, with words in
 * {@code i18n/onboarding} for staff ({@code onboarding.reason.CODE.staff}) and, in plain words, for the
 * applicant ({@code onboarding.reason.CODE.applicant}).
 */
public enum RiskReason {
    IDENTITY_FAILED(Effect.DECLINE),
    IDENTITY_NOT_CONFIRMED(Effect.REFER),
    IDENTITY_REVIEW(Effect.REFER),
    IDENTITY_EXPIRED(Effect.REFER),
    IDENTITY_UNKNOWN(Effect.REFER),
    DEVICE_CONFIRMED_FRAUD(Effect.REFER),
    DEVICE_AUTOMATION(Effect.REFER),
    DEVICE_MANY_APPLICATIONS(Effect.REFER),
    DEVICE_SHARED_BY_CUSTOMERS(Effect.REFER),
    DEVICE_MANY_CARDS(Effect.REFER),
    DEVICE_FRAUD_ON_LINKED_CARDS(Effect.REFER),
    DEVICE_HIGH_VELOCITY(Effect.REFER),
    DEVICE_REUSED_OBSERVATION(Effect.REFER),
    DEVICE_OTHER_SIGNAL(Effect.REFER),
    DEVICE_TIMEZONE_OUTSIDE_JAPAN(Effect.REFER),
    NO_DEVICE_EVIDENCE(Effect.REFER),
    DUPLICATE_IDENTITY(Effect.REFER),
    DUPLICATE_PHONE(Effect.REFER),
    DUPLICATE_EMAIL(Effect.REFER),
    DUPLICATE_DEVICE(Effect.REFER),
    SCREENING_DECLINED(Effect.DECLINE),
    SCREENING_REFERRED(Effect.REFER),
    SCREENING_UNKNOWN(Effect.REFER),
    DEVICE_LANGUAGE_NOT_JAPANESE(Effect.NOTE),
    PARTNER_WITHOUT_DEVICE(Effect.NOTE),
    STAFF_DECISION(Effect.NOTE);

    /** What a reason does to the decision; a note never stops an approval. */
    public enum Effect {
        NOTE, REFER, DECLINE;

        ApplicationOutcome outcome() {
            return switch (this) {
                case NOTE -> ApplicationOutcome.APPROVE;
                case REFER -> ApplicationOutcome.REFER;
                case DECLINE -> ApplicationOutcome.DECLINE;
            };
        }
    }

    private final Effect effect;

    RiskReason(Effect effect) {
        this.effect = effect;
    }

    public Effect effect() {
        return effect;
    }

    public String staffMessageKey() {
        return "onboarding.reason." + name() + ".staff";
    }

    public String applicantMessageKey() {
        return "onboarding.reason." + name() + ".applicant";
    }
}
