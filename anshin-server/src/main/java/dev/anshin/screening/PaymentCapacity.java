package dev.anshin.screening;

/**
 * The Installment Sales Act's expected payment capacity (支払可能見込額) of one applicant, with the
 * figures it comes from: annual income − statutory living costs ({@link LivingCosts}) − annual credit
 * repayments due, never below zero; and the highest revolving/instalment limit it allows, 90 % of it.
 *
 * <p>Rounding: everything is whole yen. The 90 % is {@code capacity × 9 / 10} in integer arithmetic,
 * which cuts any fraction off (floor, as the values are never negative): the act sets a ceiling, and
 * rounding up could put the limit one yen above it. The total-volume rule's one third of income is cut
 * the same way, for the same reason.
 *
 * @param annualIncome           declared annual income (年収), yen
 * @param householdSize          people in the household, at least 1 (4 or more share one column)
 * @param housing                whether the household pays rent or a mortgage
 * @param annualCreditRepayments credit repayments due in a year (年間請求予定額), yen
 * @param livingCosts            the statutory living costs of this household, yen per year
 * @param paymentCapacity        income − living costs − repayments, at least 0
 * @param maxRevolvingLimit      the highest revolving/instalment limit allowed: floor(0.9 × capacity)
 * @param cashAdvanceCeiling     the total-volume rule's ceiling (総量規制): all cash-advance borrowing from
 *                               money lenders, this issuer's limit included, at most one third of annual
 *                               income, cut to whole yen
 *
 * <p>The living costs and the ceiling are taken as given by the constructor (only the arithmetic between
 * the figures is checked): a stored decision keeps the statutory figures it was made with, even after
 * the table changes. {@link #of} computes them from today's law.
 */
public record PaymentCapacity(long annualIncome, int householdSize, Housing housing, long annualCreditRepayments,
        long livingCosts, long paymentCapacity, long maxRevolvingLimit, long cashAdvanceCeiling) {

    /** No yen figure above this (a trillion yen) is real; refusing it also keeps every sum far from overflow. */
    public static final long MAX_YEN = 1_000_000_000_000L;
    /**
     * The largest household taken: the one bound of the form, the partner API, the screening and the command line
     * (a larger figure is far more likely a typo than a household).
     */
    public static final int MAX_HOUSEHOLD = 20;

    public PaymentCapacity {
        ScreeningInputRefused.yen("annualIncome", annualIncome);
        ScreeningInputRefused.yen("annualCreditRepayments", annualCreditRepayments);
        ScreeningInputRefused.yen("livingCosts", livingCosts);
        ScreeningInputRefused.yen("cashAdvanceCeiling", cashAdvanceCeiling);
        LivingCosts.of(householdSize, housing); // refuses an impossible household or no housing
        long expectedCapacity = Math.max(0, annualIncome - livingCosts - annualCreditRepayments);
        if (paymentCapacity != expectedCapacity || maxRevolvingLimit != ninetyPercent(expectedCapacity)
                || cashAdvanceCeiling > annualIncome) {
            throw new IllegalArgumentException("payment capacity figures that do not add up: use PaymentCapacity.of");
        }
    }

    /**
     * Computes the capacity.
     *
     * @throws ScreeningInputRefused for a negative or unreal amount, a household under 1 or over
     *                               {@link #MAX_HOUSEHOLD}, or no housing
     */
    public static PaymentCapacity of(long annualIncome, int householdSize, Housing housing, long annualCreditRepayments) {
        ScreeningInputRefused.yen("annualIncome", annualIncome);
        ScreeningInputRefused.yen("annualCreditRepayments", annualCreditRepayments);
        long living = LivingCosts.of(householdSize, housing);
        long capacity = Math.max(0, annualIncome - living - annualCreditRepayments);
        return new PaymentCapacity(annualIncome, householdSize, housing, annualCreditRepayments, living, capacity,
                ninetyPercent(capacity), annualIncome / 3);
    }

    private static long ninetyPercent(long capacity) {
        return capacity * 9 / 10; // integer division: floor for non-negative values, never above 90 %
    }
}
