package dev.anshin.screening;

/**
 * The statutory living costs (生活維持費) of the Installment Sales Act's ordinance, in yen per year,
 * by household size (four or more people share the last column) and by whether the household pays
 * rent or a mortgage. docs/screening.md shows {@link #markdownTable()}, and a test keeps the two equal.
 */
public final class LivingCosts {

    /** Households of this many people or more share the last column. */
    public static final int LAST_COLUMN = 4;

    // Index 0 = 1 person … 3 = 4 or more.
    private static final long[] PAYS_NEITHER = {900_000, 1_360_000, 1_690_000, 2_000_000};
    private static final long[] PAYS_FOR_HOME = {1_160_000, 1_770_000, 2_090_000, 2_400_000};

    private LivingCosts() {
    }

    /**
     * The living costs of a household.
     *
     * @throws ScreeningInputRefused when the household has fewer than one person, or more than
     *                               {@link PaymentCapacity#MAX_HOUSEHOLD}
     */
    public static long of(int householdSize, Housing housing) {
        ScreeningInputRefused.required("housing", housing);
        if (householdSize < 1) {
            throw new ScreeningInputRefused("householdSize", "too-small", "a household has at least 1 person");
        }
        if (householdSize > PaymentCapacity.MAX_HOUSEHOLD) {
            throw new ScreeningInputRefused("householdSize", "too-large",
                    "more than " + PaymentCapacity.MAX_HOUSEHOLD + " people is not a household");
        }
        long[] row = housing.paysForHome() ? PAYS_FOR_HOME : PAYS_NEITHER;
        return row[Math.min(householdSize, LAST_COLUMN) - 1];
    }

    /** The table as docs/screening.md shows it. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| household pays rent or mortgage? | 1 person | 2 | 3 | 4 or more |\n"
                + "|---|---|---|---|---|\n");
        for (Housing housing : new Housing[] {Housing.NONE, Housing.RENT}) {
            out.append(housing.paysForHome() ? "| yes (`RENT`, `MORTGAGE`)" : "| no (`NONE`)");
            for (int size = 1; size <= LAST_COLUMN; size++) {
                out.append(" | ").append(String.format(java.util.Locale.ROOT, "%,d", of(size, housing)));
            }
            out.append(" |\n");
        }
        return out.toString();
    }
}
