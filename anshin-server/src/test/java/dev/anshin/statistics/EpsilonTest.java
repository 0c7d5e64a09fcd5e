package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class EpsilonTest {

    @Test
    void theDecimalFormRoundTripsAndTheFractionIsExactAndReduced() {
        qt().forAll(longs().between(1, Epsilon.MAX.thousandths())).check(thousandths -> {
            Epsilon epsilon = new Epsilon(thousandths);
            Epsilon parsed = Epsilon.parse("e", epsilon.toString());
            long num = epsilon.numerator();
            long den = epsilon.denominator();
            return parsed.equals(epsilon) && num * 1000 == thousandths * den && gcd(num, den) == 1;
        });
    }

    @Test
    void refusesZeroNegativeTooPreciseTooLargeAndNonNumbersNamingTheField() {
        for (String bad : new String[] {"0", "-1", "0.0001", "10.001", "abc", "NaN", "1e400", ""}) {
            assertThatThrownBy(() -> Epsilon.parse("protection.valueEpsilon", bad))
                    .as(bad).isInstanceOfSatisfying(ProtectionRefused.class,
                            e -> assertThat(e.field()).isEqualTo("protection.valueEpsilon"));
        }
        assertThat(Epsilon.parse("e", "0.500")).isEqualTo(new Epsilon(500));
        assertThat(Epsilon.parse("e", "0.5").numerator()).isEqualTo(1);
        assertThat(Epsilon.parse("e", "0.5").denominator()).isEqualTo(2);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
