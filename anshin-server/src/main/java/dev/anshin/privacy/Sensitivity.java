package dev.anshin.privacy;

/** How much harm a leak of a field could do; drives who may see it and how it is shown. */
public enum Sensitivity {
    /** Harmless alone (household size). */
    LOW,
    /** Contact and identity data (name, phone, e-mail, address, date of birth). */
    MEDIUM,
    /** Financial harm possible (income, card data): a leak is reportable to the PPC. */
    HIGH
}
