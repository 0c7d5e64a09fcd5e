package dev.anshin.statistics;

import java.math.BigDecimal;

/**
 * The δ of an (ε, δ) guarantee: the probability, over the noise, that a release tells more about one
 * cardholder than ε allows. Here it is what the k threshold costs: a cell whose exact count just
 * reached k can be released although, without that one cardholder, it never would be. Exact: a plain
 * decimal between {@link #MIN} and {@link #MAX}, kept as written, so it is recorded and compared
 * without rounding.
 */
public record Delta(BigDecimal value) {

    public static final BigDecimal MIN = new BigDecimal("0.000000000001");
    public static final BigDecimal MAX = new BigDecimal("0.001");
    public static final Delta DEFAULT = new Delta(new BigDecimal("0.000001"));

    public Delta {
        if (value == null || value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new ProtectionRefused("protection.delta", "must be between 0.000000000001 and 0.001");
        }
        value = value.stripTrailingZeros();
    }

    /**
     * Reads a plain decimal such as {@code "0.000001"}: digits, a point, digits (no exponent, no sign), at
     * most twelve decimals, between 10⁻¹² and 10⁻³. The field names the offending input in a refusal.
     */
    public static Delta parse(String field, String decimal) {
        if (decimal == null || !decimal.matches("0\\.[0-9]{1,12}")) {
            throw new ProtectionRefused(field, "must be a plain decimal such as 0.000001 (at most twelve decimals)");
        }
        BigDecimal value = new BigDecimal(decimal);
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new ProtectionRefused(field, "must be between 0.000000000001 and 0.001");
        }
        return new Delta(value);
    }

    /** The plain decimal form, e.g. {@code 0.000001}. */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
