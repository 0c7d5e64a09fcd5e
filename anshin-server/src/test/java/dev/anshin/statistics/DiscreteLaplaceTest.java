package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscreteLaplaceTest {

    private static final int DRAWS = 200_000;

    @Test
    void drawsFollowTheDiscreteLaplaceDistributionForEpsilonOneAndSensitivityOne() {
        assertFits(Epsilon.parse("e", "1"), 1, "one");
    }

    @Test
    void drawsFollowTheDistributionForARationalEpsilonAndALargerSensitivity() {
        // ε = 1/2, Δ = 3: scale 6
        assertFits(Epsilon.parse("e", "0.5"), 3, "half");
    }

    @Test
    void drawsFollowTheDistributionForAnEpsilonAboveOne() {
        // ε = 3/2 (γ > 1 in the exp(−γ) Bernoulli trials), Δ = 1
        assertFits(Epsilon.parse("e", "1.5"), 1, "three-halves");
    }

    @Test
    void theGoodnessOfFitTestRejectsASamplerOfTheWrongScale() {
        // The same statistic on draws of scale 2 against the expectation for scale 1 must fail: the test can fail.
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("wrong-scale"));
        Map<Long, Long> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(noise.sample(1, 2), 1L, Long::sum);
        }
        assertThat(chiSquare(counts, 1.0).exceedsCritical()).isTrue();
    }

    @Test
    void isSymmetricAroundZero() {
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("symmetry"));
        long sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            sum += noise.noise(Epsilon.parse("e", "1"), 1);
        }
        // mean 0, variance 2e/(e-1)^2 ≈ 1.84 per draw: 6 standard deviations of the sum
        assertThat(Math.abs(sum)).isLessThan((long) (6 * Math.sqrt(1.84 * DRAWS)));
    }

    @Test
    void uniformIntegersStayInRangeForAnyBound() {
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("uniform"));
        qt().forAll(longs().between(1, Long.MAX_VALUE)).check(bound -> {
            long u = noise.uniform(bound);
            return u >= 0 && u < bound;
        });
    }

    @Test
    void bernoulliOfExpZeroIsAlwaysTrue() {
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("exp-zero"));
        qt().forAll(integers().between(1, 1_000_000)).check(d -> noise.bernoulliExp(0, d));
    }

    @Test
    void theUpperTailIsTheDistributionsTailAndBoundsItFromAbove() {
        // P(Z ≥ j) = Σ_{z ≥ j} (1−q)/(1+q)·q^z = q^j/(1+q), q = exp(−ε/Δ): summed term by term in doubles it agrees
        // to 1e-12 relative, and the exact bound is never below it.
        for (String e : new String[] {"0.5", "1", "1.5"}) {
            for (long sensitivity : new long[] {1, 3, 12}) {
                Epsilon epsilon = Epsilon.parse("e", e);
                double q = Math.exp(-Double.parseDouble(e) / sensitivity);
                for (long j : new long[] {1, 2, 7, 40}) {
                    double summed = 0;
                    for (long z = j; z < j + 2_000_000 && Math.pow(q, z) > 1e-300; z++) {
                        summed += (1 - q) / (1 + q) * Math.pow(q, z);
                        if (Math.pow(q, z) < summed * 1e-17) {
                            break;
                        }
                    }
                    double bound = DiscreteLaplace.upperTail(epsilon, sensitivity, j).doubleValue();
                    assertThat(bound).as("ε %s Δ %s j %s", e, sensitivity, j).isCloseTo(summed,
                            org.assertj.core.data.Percentage.withPercentage(1e-7));
                }
            }
        }
    }

    @Test
    void theSamplerHitsTheTailAsOftenAsTheTailSays() {
        // ε 1, Δ 1: P(Z ≥ 3) = e⁻³/(1 + e⁻¹) ≈ 0.0364; 200,000 draws, 6 standard deviations.
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("tail"));
        long hits = 0;
        for (int i = 0; i < DRAWS; i++) {
            hits += noise.noise(Epsilon.parse("e", "1"), 1) >= 3 ? 1 : 0;
        }
        double p = DiscreteLaplace.upperTail(Epsilon.parse("e", "1"), 1, 3).doubleValue();
        assertThat(Math.abs(hits - p * DRAWS)).isLessThan(6 * Math.sqrt(p * (1 - p) * DRAWS));
    }

    @Test
    void theSmallestTailOffsetIsTheFirstJWhoseTailIsSmallEnough() {
        qt().withExamples(200).forAll(integers().between(1, 10_000), integers().between(1, 50),
                integers().between(3, 12)).check((thousandths, sensitivity, digits) -> {
                    Epsilon epsilon = new Epsilon(thousandths);
                    java.math.BigDecimal p = java.math.BigDecimal.ONE.movePointLeft(digits);
                    long j = DiscreteLaplace.smallestTailOffset(epsilon, sensitivity, p);
                    return DiscreteLaplace.upperTail(epsilon, sensitivity, j).compareTo(p) <= 0
                            && (j == 1 || DiscreteLaplace.upperTail(epsilon, sensitivity, j - 1).compareTo(p) > 0);
                });
    }

    @Test
    void refusesANonPositiveSensitivity() {
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random("refuse"));
        assertThatThrownBy(() -> noise.noise(Epsilon.parse("e", "1"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertFits(Epsilon epsilon, long sensitivity, String seed) {
        DiscreteLaplace noise = new DiscreteLaplace(Seeded.random(seed));
        Map<Long, Long> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(noise.noise(epsilon, sensitivity), 1L, Long::sum);
        }
        double scale = (double) sensitivity * epsilon.denominator() / epsilon.numerator();
        ChiSquare fit = chiSquare(counts, scale);
        assertThat(fit.exceedsCritical()).as("chi-square %s over %s degrees of freedom", fit.statistic(), fit.df())
                .isFalse();
    }

    record ChiSquare(double statistic, int df) {
        /** Above the 99.9th percentile (Wilson–Hilferty): the draws do not follow the distribution. */
        boolean exceedsCritical() {
            double z = 3.0902;
            double h = 2.0 / (9.0 * df);
            double critical = df * Math.pow(1 - h + z * Math.sqrt(h), 3);
            return statistic > critical;
        }
    }

    /** Pearson's chi-square against P(k) = (1−q)/(1+q)·q^|k|, q = exp(−1/scale); tails pooled. */
    static ChiSquare chiSquare(Map<Long, Long> counts, double scale) {
        double q = Math.exp(-1 / scale);
        double norm = (1 - q) / (1 + q);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        // the largest K with an expected count of at least 5 at ±K
        long limit = 0;
        while (total * norm * Math.pow(q, limit + 1) >= 5) {
            limit++;
        }
        double statistic = 0;
        double inside = 0;
        long observedInside = 0;
        for (long k = -limit; k <= limit; k++) {
            double expected = total * norm * Math.pow(q, Math.abs(k));
            long observed = counts.getOrDefault(k, 0L);
            statistic += (observed - expected) * (observed - expected) / expected;
            inside += expected;
            observedInside += observed;
        }
        double tailExpected = total - inside;
        long tailObserved = total - observedInside;
        statistic += (tailObserved - tailExpected) * (tailObserved - tailExpected) / tailExpected;
        int df = (int) (2 * limit + 1); // 2·limit + 2 bins, minus one
        return new ChiSquare(statistic, df);
    }
}
