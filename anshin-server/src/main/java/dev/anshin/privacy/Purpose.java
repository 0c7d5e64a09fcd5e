package dev.anshin.privacy;

import dev.anshin.access.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The purposes of use the seed issuer publishes, each with its legal basis, the categories of data
 * it may use, whether the person can switch it off, and the staff roles that work for it.
 */
public enum Purpose {
    SERVICE_OPERATION("商品・サービスの運営", "Operating the card and its services",
            "ポイントプログラムの運営、クレジットカードのセキュリティ対策、利用通知サービス",
            "Points programme, card security, usage notifications",
            LegalBasis.CONTRACT, EnumSet.allOf(DataCategory.class), false, EnumSet.of(Role.CUSTOMER_SERVICE)),
    RESEARCH("調査・分析・研究開発", "Research, analysis and development",
            "キャンペーンへの反応の分析、Webサイト・アプリの機能開発",
            "Analysing responses to campaigns, developing the web site and app",
            LegalBasis.PUBLISHED_PURPOSE, EnumSet.of(DataCategory.PRODUCT_USAGE, DataCategory.MANAGEMENT), true,
            EnumSet.of(Role.ANALYST)),
    MARKETING("商品・サービスのご提案・ご案内", "Proposals and marketing",
            "ポイントアップキャンペーンや提携先のセールのご案内",
            "Offers for points campaigns and partners' sales",
            LegalBasis.PUBLISHED_PURPOSE, EnumSet.of(DataCategory.ATTRIBUTES, DataCategory.PRODUCT_USAGE), true,
            EnumSet.of(Role.ANALYST)),
    STATISTICS("社会への情報還元・発信", "Statistical reports for society",
            "統計化した購買情報による消費動向レポート",
            "Spending-trend reports from aggregated purchase data",
            LegalBasis.PUBLISHED_PURPOSE, EnumSet.of(DataCategory.PRODUCT_USAGE), true, EnumSet.of(Role.ANALYST)),
    DATA_SUBJECT_REQUEST("ご本人からの請求への対応", "Answering the person's own requests",
            "開示・訂正・利用停止・消去の請求への対応",
            "Disclosure, correction, stop of use and deletion requests",
            LegalBasis.LEGAL_OBLIGATION, EnumSet.allOf(DataCategory.class), false, EnumSet.of(Role.PRIVACY_OFFICER)),
    /**
     * Provision to a partner or group company (APPI Art. 27): only with the person's prior consent for
     * that recipient, only the items registered for the recipient, never financial data.
     */
    THIRD_PARTY_PROVISION("提携先・グループ会社への提供", "Provision to partners and group companies",
            "ポイントプログラム、提携金融機関、提携カード発行会社への提供（ご同意いただいた提供先のみ）",
            "Points programmes, partner banks, co-brand issuers (only recipients the person agreed to)",
            LegalBasis.PRIOR_CONSENT,
            EnumSet.of(DataCategory.ATTRIBUTES, DataCategory.PRODUCT_USAGE, DataCategory.MANAGEMENT), true,
            EnumSet.of(Role.PRIVACY_OFFICER)),
    /**
     * Investigating a cardholder's report of charges they do not recognize, and fraud on their cards
     * (the issuer's duty to prevent fraudulent use, 割賦販売法 第35条の17の15): analysts see who the
     * customer is, by name only; a card's other data stays in the vault.
     */
    FRAUD_INVESTIGATION("不正利用の調査", "Investigating fraud",
            "身に覚えのないご利用のお申し出の調査、同じカード・同じ方の申告のとりまとめ",
            "Investigating reports of unrecognized charges, grouping the reports of one card or person",
            LegalBasis.LEGAL_OBLIGATION, EnumSet.of(DataCategory.ATTRIBUTES), false, EnumSet.of(Role.ANALYST),
            EnumSet.of(PersonalField.NAME_KANJI)),
    /**
     * Credit decisions and their follow-up (割賦販売法, the payment-capacity investigation: the issuer investigates
     * the person's ability to pay, at issuance and while the card is used): credit officers see who the
     * customer is, by name only (the vault's other fields stay closed to it); the money figures a credit
     * decision rests on (declared repayments, limits asked, the bureau's answer) are held by the screening and
     * onboarding modules under this purpose.
     */
    CREDIT_MANAGEMENT("与信判断・与信後の管理", "Credit decisions and credit management",
            "お申込み時の審査（支払可能見込額の調査）、ご利用枠の定期的な見直し（途上与信）",
            "Screening applications (the expected payment capacity), reviewing credit limits periodically",
            LegalBasis.LEGAL_OBLIGATION, EnumSet.of(DataCategory.ATTRIBUTES, DataCategory.MONEY), false,
            EnumSet.of(Role.CREDIT_OFFICER),
            EnumSet.of(PersonalField.NAME_KANJI));

    private final String labelJa;
    private final String labelEn;
    private final String examplesJa;
    private final String examplesEn;
    private final LegalBasis legalBasis;
    private final Set<DataCategory> categories;
    private final boolean optional;
    private final Set<Role> roles;
    /** The only fields of its categories the purpose may use, or null for every field of them. */
    private final Set<PersonalField> fields;

    Purpose(String labelJa, String labelEn, String examplesJa, String examplesEn, LegalBasis legalBasis,
            Set<DataCategory> categories, boolean optional, Set<Role> roles) {
        this(labelJa, labelEn, examplesJa, examplesEn, legalBasis, categories, optional, roles, null);
    }

    Purpose(String labelJa, String labelEn, String examplesJa, String examplesEn, LegalBasis legalBasis,
            Set<DataCategory> categories, boolean optional, Set<Role> roles, Set<PersonalField> fields) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.examplesJa = examplesJa;
        this.examplesEn = examplesEn;
        this.legalBasis = legalBasis;
        this.categories = Set.copyOf(categories);
        this.optional = optional;
        this.roles = Set.copyOf(roles);
        this.fields = fields == null ? null : Set.copyOf(fields);
    }

    /**
     * Whether this purpose may use the field: its category is one of the purpose's, and, where the
     * purpose names its fields (fraud investigation: the name only), the field is one of them.
     */
    public boolean allows(PersonalField field) {
        return categories.contains(field.category()) && (fields == null || fields.contains(field));
    }

    /**
     * Whether this purpose may use data of the category held outside the vault ({@link HeldElsewhere}):
     * the category is one of the purpose's, and the purpose does not name its fields.
     */
    public boolean allows(DataCategory category) {
        return categories.contains(category) && fields == null;
    }

    /** The only fields the purpose may use, when it names them rather than using whole categories. */
    public Optional<Set<PersonalField>> fields() {
        return Optional.ofNullable(fields);
    }

    /** Whether the person can switch this purpose off (an opt-out of a published purpose) or has to opt in. */
    public boolean optional() {
        return optional;
    }

    /** Whether nothing is in force until the person opts in, per recipient (third-party provision). */
    public boolean needsPriorConsent() {
        return legalBasis == LegalBasis.PRIOR_CONSENT;
    }

    public boolean servedBy(Role role) {
        return roles.contains(role);
    }

    public static Optional<Purpose> named(String name) {
        for (Purpose purpose : values()) {
            if (purpose.name().equals(name)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    public String examplesJa() {
        return examplesJa;
    }

    public String examplesEn() {
        return examplesEn;
    }

    public LegalBasis legalBasis() {
        return legalBasis;
    }

    public Set<DataCategory> categories() {
        return categories;
    }

    public Set<Role> roles() {
        return roles;
    }
}
