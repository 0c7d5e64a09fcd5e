package dev.anshin.privacy;

/** The seed issuer's four kinds of personal data. */
public enum DataCategory {
    /** Name, address, date of birth, employer, phone: who the person and their family are. */
    ATTRIBUTES("個人の属性に関する情報", "Personal attributes"),
    /** Income and spending, assets and debts. */
    MONEY("お金に関する情報", "Financial situation"),
    /** Products held, purchases, points, device identifiers, access logs. */
    PRODUCT_USAGE("商品・サービス利用によって取得する情報", "Product and service usage"),
    /** Management numbers and credit decisions needed to run the customer's products. */
    MANAGEMENT("商品・サービス管理に必要な情報", "Management data");

    private final String labelJa;
    private final String labelEn;

    DataCategory(String labelJa, String labelEn) {
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
