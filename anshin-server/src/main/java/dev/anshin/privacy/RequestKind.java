package dev.anshin.privacy;

/** What a person asks of the issuer about their own data (APPI Art. 33–35). */
public enum RequestKind {
    /** Disclose what is held, in machine-readable and human-readable form, with the provision records. */
    DISCLOSURE("開示", "Disclosure"),
    /** Correct named fields to the values the person gives. */
    CORRECTION("訂正", "Correction"),
    /** Stop using the data for one optional purpose (or stop provision to one recipient). */
    STOP_OF_USE("利用停止", "Stop of use"),
    /** Delete everything held (crypto-shredding). */
    DELETION("消去", "Deletion");

    private final String labelJa;
    private final String labelEn;

    RequestKind(String labelJa, String labelEn) {
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
