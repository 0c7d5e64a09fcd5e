package dev.anshin.statistics;

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
