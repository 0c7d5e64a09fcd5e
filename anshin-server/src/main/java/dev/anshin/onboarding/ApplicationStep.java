package dev.anshin.onboarding;

import dev.anshin.privacy.PersonalField;
import java.util.EnumSet;
import java.util.Set;

/** The form's steps, each saved on its own (progress is kept between them). */
public enum ApplicationStep {
    /** Name (kanji, kana), date of birth, address, phone, e-mail. */
    ABOUT_YOU(EnumSet.of(PersonalField.NAME_KANJI, PersonalField.NAME_KANA, PersonalField.DATE_OF_BIRTH,
            PersonalField.ADDRESS, PersonalField.PHONE, PersonalField.EMAIL)),
    /** Employer, annual income, household size, housing, other credit repayments. */
    WORK_AND_MONEY(EnumSet.of(PersonalField.EMPLOYER, PersonalField.ANNUAL_INCOME, PersonalField.HOUSEHOLD_SIZE,
            PersonalField.HOUSING)),
    /** The limits asked for and the consent to screening and the bureau inquiry. */
    LIMITS_AND_CONSENT(EnumSet.noneOf(PersonalField.class));

    private final Set<PersonalField> vaultFields;

    ApplicationStep(Set<PersonalField> vaultFields) {
        this.vaultFields = Set.copyOf(vaultFields);
    }

    /** The step's fields that go to the privacy module's vault. */
    public Set<PersonalField> vaultFields() {
        return vaultFields;
    }

    public String messageKey() {
        return "onboarding.step." + name();
    }
}
