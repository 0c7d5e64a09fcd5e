package dev.anshin.statistics;

import java.math.BigDecimal;

/**
 * A privacy-loss parameter ε, exact: a whole number of thousandths, so the noise sampler works on
 * the rational {@code numerator / denominator} and the budget ledger adds integers (no floating point
 * anywhere a value is drawn or a budget is spent).
 */
public record Epsilon(long thousandths) implements Comparable<Epsilon> {

    /** The largest ε one release may spend: beyond it the noise protects nobody. */
    public static final Epsilon MAX = new Epsilon(10_000);

    public Epsilon {
        if (thousandths <= 0) {
            throw new ProtectionRefused("epsilon", "must be greater than 0");
        }
        if (thousandths > 1_000_000) {
            throw new ProtectionRefused("epsilon", "must be at most 1000");
        }
    }

    /**
     * Reads a decimal such as {@code "0.5"} or {@code "1.25"}: positive, at most three decimals, at
     * most {@link #MAX}. The field names the offending input in a refusal.
     */
    public static Epsilon parse(String field, String decimal) {
        BigDecimal value;
        try {
            value = new BigDecimal(decimal);
        } catch (NumberFormatException | NullPointerException e) {
            throw new ProtectionRefused(field, "must be a decimal number such as 0.5");
        }
        if (value.signum() <= 0) {
            throw new ProtectionRefused(field, "must be greater than 0");
        }
        if (value.stripTrailingZeros().scale() > 3) {
            throw new ProtectionRefused(field, "must have at most three decimals");
        }
        if (value.compareTo(BigDecimal.valueOf(MAX.thousandths, 3)) > 0) {
            throw new ProtectionRefused(field, "must be at most " + MAX);
        }
        return new Epsilon(value.movePointRight(3).longValueExact());
    }

    /** ε as the reduced fraction's numerator. */
    public long numerator() {
        return thousandths / gcd(thousandths, 1000);
    }

    /** ε as the reduced fraction's denominator. */
    public long denominator() {
        return 1000 / gcd(thousandths, 1000);
    }

    public Epsilon plus(Epsilon other) {
        return new Epsilon(Math.addExact(thousandths, other.thousandths));
    }

    @Override
    public int compareTo(Epsilon other) {
        return Long.compare(thousandths, other.thousandths);
    }

    /** The decimal form, e.g. {@code 0.5}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString();
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
