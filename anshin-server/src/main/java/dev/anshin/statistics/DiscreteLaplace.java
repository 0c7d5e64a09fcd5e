package dev.anshin.statistics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Exact discrete Laplace (two-sided geometric) noise: {@code P(k) ∝ exp(−ε|k|/Δ)} over the integers,
 * sampled with integer arithmetic only, after Canonne, Kamath and Steinke (2020), "The Discrete
 * Gaussian for Differential Privacy", Algorithms 1 and 2. Rounding a floating-point Laplace draw
 * instead would leak the true value through the low bits of the double (Mironov 2012); here every
 * step is a comparison of uniform integers drawn from a {@link SecureRandom}, its only source.
 */
public final class DiscreteLaplace {

    private final SecureRandom random;

    public DiscreteLaplace(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /** Noise for a value of L1 sensitivity Δ released with privacy loss ε: scale Δ/ε. */
    public long noise(Epsilon epsilon, long sensitivity) {
        if (sensitivity <= 0) {
            throw new IllegalArgumentException("sensitivity must be positive");
        }
        // Δ/ε = Δ·den/num: Algorithm 2 samples Lap_Z(t/s) with t = Δ·den, s = num.
        return sample(epsilon.numerator(), Math.multiplyExact(sensitivity, epsilon.denominator()));
    }

    /** Digits carried by the tail bounds: far below any δ a release may ask for (10⁻¹²). */
    private static final int DIGITS = 60;
    private static final MathContext UP = new MathContext(DIGITS, RoundingMode.CEILING);
    private static final MathContext DOWN = new MathContext(DIGITS, RoundingMode.FLOOR);

    /**
     * An upper bound, tight to about 60 significant digits, of {@code P(Z ≥ j)} for the noise
     * {@link #noise(Epsilon, long)} draws (scale Δ/ε), j ≥ 1. The distribution is
     * {@code P(z) = (1−q)/(1+q)·q^|z|} with {@code q = exp(−ε/Δ)}, so the tail is {@code q^j/(1+q)}; it
     * grows with q, and q is bounded from above by rounding every step of the way up. Not a draw: used to
     * fix the release threshold from the public parameters only.
     */
    public static BigDecimal upperTail(Epsilon epsilon, long sensitivity, long j) {
        if (j < 1) {
            throw new IllegalArgumentException("j must be at least 1");
        }
        BigDecimal q = qUpperBound(epsilon, sensitivity);
        return power(q, j).divide(BigDecimal.ONE.add(q), UP);
    }

    /**
     * The smallest j ≥ 1 with {@code P(Z ≥ j) ≤ probability} (by {@link #upperTail}, so the true tail is
     * at most that too). The tail halves at least every ⌈Δ/ε·ln 2⌉ + 1 steps, so the search is bounded.
     */
    public static long smallestTailOffset(Epsilon epsilon, long sensitivity, BigDecimal probability) {
        if (probability.signum() <= 0 || probability.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("probability must be in (0, 1)");
        }
        long low = 1;
        long high = 1;
        while (upperTail(epsilon, sensitivity, high).compareTo(probability) > 0) {
            low = high + 1;
            high = Math.multiplyExact(high, 2);
        }
        // upperTail(high) ≤ probability; every j < low is above it
        while (low < high) {
            long mid = low + (high - low) / 2;
            if (upperTail(epsilon, sensitivity, mid).compareTo(probability) <= 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return high;
    }

    /** q = exp(−x), x = ε/Δ, from above: 1 / (a lower bound of exp(x)), rounded up. */
    private static BigDecimal qUpperBound(Epsilon epsilon, long sensitivity) {
        if (sensitivity <= 0) {
            throw new IllegalArgumentException("sensitivity must be positive");
        }
        BigDecimal x = BigDecimal.valueOf(epsilon.numerator())
                .divide(BigDecimal.valueOf(Math.multiplyExact(sensitivity, epsilon.denominator())), DOWN);
        // exp(x) ≥ Σ_{n<N} xⁿ/n! (every term positive), each term rounded down
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal smallest = BigDecimal.ONE.movePointLeft(DIGITS + 5);
        for (int n = 1; term.compareTo(smallest) > 0; n++) {
            sum = sum.add(term, DOWN);
            term = term.multiply(x, DOWN).divide(BigDecimal.valueOf(n), DOWN);
        }
        return BigDecimal.ONE.divide(sum, UP);
    }

    /** base^n for a positive base, every product rounded up (an upper bound). */
    private static BigDecimal power(BigDecimal base, long n) {
        BigDecimal result = BigDecimal.ONE;
        BigDecimal square = base;
        for (long e = n; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = result.multiply(square, UP);
            }
            square = square.multiply(square, UP);
        }
        return result;
    }

    /** One draw with {@code P(y) ∝ exp(−|y|·s/t)}, s and t positive (CKS Algorithm 2). */
    long sample(long s, long t) {
        if (s <= 0 || t <= 0) {
            throw new IllegalArgumentException("s and t must be positive");
        }
        while (true) {
            long u = uniform(t);
            if (!bernoulliExp(u, t)) {
                continue;
            }
            long v = 0;
            while (bernoulliExp(1, 1)) {
                v++;
            }
            long x = Math.addExact(u, Math.multiplyExact(t, v));
            long y = x / s;
            boolean negative = uniform(2) == 1;
            if (negative && y == 0) {
                continue; // otherwise zero would be drawn twice as often as it should
            }
            return negative ? -y : y;
        }
    }

    /** True with probability {@code exp(−n/d)}, for n ≥ 0 and d > 0 (CKS Algorithm 1). */
    boolean bernoulliExp(long n, long d) {
        if (n <= d) {
            // γ = n/d in [0, 1]: count successes of Bernoulli(γ/k) for k = 1, 2, …; odd ⇒ true.
            long k = 1;
            while (bernoulli(n, Math.multiplyExact(d, k))) {
                k++;
            }
            return k % 2 == 1;
        }
        for (long i = 0; i < n / d; i++) {
            if (!bernoulliExp(1, 1)) {
                return false;
            }
        }
        return bernoulliExp(n % d, d);
    }

    /** True with probability n/d, 0 ≤ n ≤ d. */
    private boolean bernoulli(long n, long d) {
        return uniform(d) < n;
    }

    /** A uniform integer in [0, bound), by rejection: no modulo bias. */
    long uniform(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        if ((bound & (bound - 1)) == 0) {
            return random.nextLong() & (bound - 1);
        }
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound); // multiples of bound below it are uniform
        while (true) {
            long r = random.nextLong() >>> 1;
            if (r < limit) {
                return r % bound;
            }
        }
    }
}
