package dev.anshin.onboarding;

/** What the risk policy, combined with the screening, decides: the most severe of every part. */
public enum ApplicationOutcome {
    APPROVE, REFER, DECLINE;

    /** The more severe of the two: DECLINE over REFER over APPROVE. */
    ApplicationOutcome worst(ApplicationOutcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String messageKey() {
        return "onboarding.outcome." + name();
    }
}
