package dev.anshin.privacy;

/** The kinds of items a partner may provide about a customer; a provider is registered for some of them. */
public enum PartnerItemKind {
    /** Purchases at the partner's stores: date, amount, currency, merchant category, store name. */
    PURCHASES,
    /** Points earned or spent in the partner's programme: date, points, store name. */
    POINTS
}
