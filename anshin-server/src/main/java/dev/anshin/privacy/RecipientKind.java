package dev.anshin.privacy;

/** What a recipient of personal data is to the issuer (the seed names all four). */
public enum RecipientKind {
    POINTS_PROGRAMME("ポイントプログラム運営会社", "Points programme"),
    PARTNER_BANK("提携金融機関", "Partner bank"),
    CO_BRAND_ISSUER("提携カード発行会社", "Co-brand issuer"),
    GROUP_COMPANY("グループ会社", "Group company");

    private final String labelJa;
    private final String labelEn;

    RecipientKind(String labelJa, String labelEn) {
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
