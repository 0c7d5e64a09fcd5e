package dev.anshin.privacy;

/** Why the issuer may use personal data for a purpose (APPI). */
public enum LegalBasis {
    /** Needed to perform the card contract; a published purpose the person cannot switch off while the contract runs. */
    CONTRACT("契約の履行", "Performance of the card contract"),
    /** A purpose specified and published at collection (APPI Art. 17, 21); the person may ask the issuer to stop. */
    PUBLISHED_PURPOSE("公表した利用目的", "Purpose published at collection"),
    /** Required by law, such as answering the person's own disclosure or correction request (APPI Art. 33–35). */
    LEGAL_OBLIGATION("法令上の義務", "Legal obligation"),
    /**
     * The person's prior opt-in (APPI Art. 27: provision to a third party), given per recipient; nothing
     * is in force until the person says yes.
     */
    PRIOR_CONSENT("ご本人の事前の同意", "The person's prior consent");

    private final String labelJa;
    private final String labelEn;

    LegalBasis(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }
}
