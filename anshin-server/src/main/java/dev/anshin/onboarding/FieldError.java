package dev.anshin.onboarding;

/**
 * What is wrong with one field of the application: the form's field name and a stable code, worded by
 * {@code onboarding.field-error.CODE} on the pages and by {@link #englishText()} in API problems. Never
 * the value typed. {@code yen} is the rule's own figure where the code has one (the lowest limit offered, the
 * limit step, the highest figure accepted), so a partner's problem can say it; null otherwise.
 */
public record FieldError(String field, String code, Long yen) {

    public FieldError(String field, String code) {
        this(field, code, null);
    }

    public String messageKey() {
        return "onboarding.field-error." + code;
    }

    /** The code in English words, for API problems. */
    public String englishText() {
        return switch (code) {
            case "required" -> "is required";
            case "malformed" -> "is not in the expected form";
            case "too-long" -> "is too long";
            case "kana" -> "must be written in full-width katakana";
            case "date" -> "must be a date in the form yyyy-MM-dd";
            case "future" -> "must not be in the future";
            case "under-18" -> "the applicant must be 18 or older";
            case "too-old" -> "must be within 130 years";
            case "phone" -> "must be 10 to 15 digits, optionally with +, spaces or hyphens";
            case "email" -> "must be an e-mail address";
            case "number" -> "must be a whole number of yen";
            case "negative" -> "must not be negative";
            case "too-large" -> yen == null ? "is larger than any real figure" : "must be at most " + yen + " yen";
            case "household" -> "must be 1 to 20 people";
            case "housing" -> "must be one of OWNED, OWNED_WITH_MORTGAGE, RENTED, FAMILY_HOME, COMPANY_HOUSING, OTHER";
            case "below-minimum" -> yen == null ? "is below the lowest limit offered"
                    : "is below the lowest limit offered (" + yen + " yen)";
            case "limit-step" -> yen == null ? "must be a multiple of the limit step"
                    : "must be a multiple of " + yen + " yen";
            case "consent" -> "consent to the screening and the credit bureau inquiry is required";
            case "text" -> "contains characters that are not allowed (control characters or a card number)";
            default -> "is invalid";
        };
    }
}
