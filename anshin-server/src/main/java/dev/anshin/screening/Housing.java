package dev.anshin.screening;

/**
 * Whether the household pays for its home: the statutory living-costs table (生活維持費) has a row
 * for households that pay rent or a mortgage and one for those that pay neither.
 */
public enum Housing {
    /** Pays rent (賃貸). */
    RENT,
    /** Pays a housing loan (住宅ローン). */
    MORTGAGE,
    /** Pays neither (own home paid off, living with family). */
    NONE;

    /** Whether the "pays rent or mortgage" row of the table applies. */
    public boolean paysForHome() {
        return this != NONE;
    }

    /** The bundle key of its words. */
    public String messageKey() {
        return "screening.housing." + name();
    }
}
