package dev.anshin.voice.analysis;

/**
 * What the voice is about: the card issuer's usual topics (docs: DOMAIN.md §6). Labels in the voice bundle
 * ({@code voice.topic.*}); each is routed to a department by the editable map ({@code voice_routes}).
 */
public enum Topic {
    /** 不正利用・セキュリティ */
    FRAUD_SECURITY,
    /** 手数料・金利・年会費 */
    FEES_INTEREST,
    /** ウェブ・アプリ */
    WEB_APP,
    /** ポイント・特典 */
    POINTS,
    /** 電話窓口 */
    CALL_CENTER,
    /** カード発行・到着 */
    CARD_DELIVERY,
    /** 審査・利用可能枠 */
    SCREENING_LIMITS,
    /** 請求・支払い */
    BILLING_PAYMENT,
    /** 個人情報・勧誘 */
    PRIVACY,
    /** 店舗・カウンター */
    STORE_COUNTER
}
