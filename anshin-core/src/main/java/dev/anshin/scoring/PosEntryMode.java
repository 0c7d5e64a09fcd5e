package dev.anshin.scoring;

/** ISO 8583 DE22 point-of-service entry mode. */
public enum PosEntryMode {
    MANUAL("01"),
    MAGSTRIPE("02"),
    CHIP("05"),
    CONTACTLESS("07"),
    CARD_ON_FILE("10"),
    ECOMMERCE("81");

    private final String code;

    PosEntryMode(String code) {
        this.code = code;
    }

    /** The two-digit ISO 8583 code. */
    public String code() {
        return code;
    }

    /** Parses a two-digit code ("05") or a name ("CHIP"). */
    public static PosEntryMode parse(String value) {
        for (PosEntryMode mode : values()) {
            if (mode.code.equals(value) || mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown POS entry mode: " + value);
    }
}
