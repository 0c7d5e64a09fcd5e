package dev.anshin.screening;

/**
 * How an issued account has been used, for its re-screening ({@link AccountUsage}).
 *
 * @param spentYen     approved card use in the look-back window, yen (a proxy for the balance)
 * @param latePayments payments made late in the last twelve months, or null when not known (Anshin
 *                     keeps no billing ledger; the issuer's ledger adapter knows them)
 */
public record UsageFigures(long spentYen, Integer latePayments) {

    public UsageFigures {
        ScreeningInputRefused.yen("spentYen", spentYen);
        if (latePayments != null && latePayments < 0) {
            throw new ScreeningInputRefused("latePayments", "negative", "must not be negative");
        }
    }

    /** Spent as a whole percentage of the revolving limit (cut down), 0 for no limit. */
    public long utilizationPercent(long revolvingLimit) {
        return revolvingLimit <= 0 ? 0 : spentYen * 100 / revolvingLimit;
    }
}
