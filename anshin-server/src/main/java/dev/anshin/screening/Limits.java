package dev.anshin.screening;

/**
 * A card's two limits, in yen: shopping on revolving or instalments (ショッピング枠, under the
 * Installment Sales Act) and cash advance (キャッシング枠, under the Money Lending Business Act).
 */
public record Limits(long revolving, long cashAdvance) {

    public static final Limits NONE = new Limits(0, 0);

    public Limits {
        ScreeningInputRefused.yen("revolving", revolving);
        ScreeningInputRefused.yen("cashAdvance", cashAdvance);
    }

    /** Whether either limit is lower than in {@code other}. */
    public boolean lowerThan(Limits other) {
        return revolving < other.revolving || cashAdvance < other.cashAdvance;
    }
}
