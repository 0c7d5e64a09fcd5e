package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class PaymentCapacityTest {

    @ParameterizedTest(name = "{0} people, {1}: {2} yen")
    @CsvSource({
            "1, NONE, 900000", "2, NONE, 1360000", "3, NONE, 1690000", "4, NONE, 2000000",
            "1, RENT, 1160000", "2, RENT, 1770000", "3, RENT, 2090000", "4, RENT, 2400000",
            "1, MORTGAGE, 1160000", "2, MORTGAGE, 1770000", "3, MORTGAGE, 2090000", "4, MORTGAGE, 2400000"})
    void livingCostsAreTheStatutoryTable(int householdSize, Housing housing, long expected) {
        assertThat(LivingCosts.of(householdSize, housing)).isEqualTo(expected);
    }

    @Test
    void householdsOfFourOrMoreShareTheLastColumn() {
        for (Housing housing : Housing.values()) {
            for (int size = 5; size <= PaymentCapacity.MAX_HOUSEHOLD; size++) {
                assertThat(LivingCosts.of(size, housing)).isEqualTo(LivingCosts.of(4, housing));
            }
        }
    }

    @Test
    void theIssuesExampleGivesItsFigures() {
        PaymentCapacity capacity = PaymentCapacity.of(5_000_000, 3, Housing.RENT, 600_000);

        assertThat(capacity.livingCosts()).isEqualTo(2_090_000);
        assertThat(capacity.paymentCapacity()).isEqualTo(2_310_000);
        assertThat(capacity.maxRevolvingLimit()).isEqualTo(2_079_000);
        assertThat(capacity.cashAdvanceCeiling()).isEqualTo(1_666_666);
    }

    @Test
    void capacityIsNeverBelowZero() {
        PaymentCapacity capacity = PaymentCapacity.of(1_000_000, 1, Housing.RENT, 500_000);

        assertThat(capacity.paymentCapacity()).isZero();
        assertThat(capacity.maxRevolvingLimit()).isZero();
    }

    @Test
    void ninetyPercentIsCutDownToTheYen() {
        // capacity 19 yen: 17.1 yen allowed, 17 granted (never 18, which is above the ceiling).
        assertThat(PaymentCapacity.of(900_019, 1, Housing.NONE, 0).maxRevolvingLimit()).isEqualTo(17);
        assertThat(PaymentCapacity.of(900_001, 1, Housing.NONE, 0).cashAdvanceCeiling()).isEqualTo(300_000);
    }

    @Test
    void refusesANegativeIncomeNamingTheField() {
        assertThatThrownBy(() -> PaymentCapacity.of(-1, 1, Housing.NONE, 0))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("annualIncome");
                    assertThat(e.reason()).isEqualTo("negative");
                });
    }

    @Test
    void refusesNegativeRepayments() {
        assertThatThrownBy(() -> PaymentCapacity.of(1, 1, Housing.NONE, -5))
                .isInstanceOfSatisfying(ScreeningInputRefused.class,
                        e -> assertThat(e.field()).isEqualTo("annualCreditRepayments"));
    }

    @Test
    void refusesAHouseholdOfNobody() {
        assertThatThrownBy(() -> PaymentCapacity.of(5_000_000, 0, Housing.NONE, 0))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("householdSize");
                    assertThat(e.reason()).isEqualTo("too-small");
                });
    }

    @Test
    void refusesAnUnrealHousehold() {
        assertThatThrownBy(() -> PaymentCapacity.of(5_000_000, PaymentCapacity.MAX_HOUSEHOLD + 1, Housing.NONE, 0))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.reason()).isEqualTo("too-large"));
    }

    @Test
    void refusesAnUnrealIncome() {
        assertThatThrownBy(() -> PaymentCapacity.of(PaymentCapacity.MAX_YEN + 1, 1, Housing.NONE, 0))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.reason()).isEqualTo("too-large"));
        assertThat(PaymentCapacity.of(PaymentCapacity.MAX_YEN, 1, Housing.NONE, 0).paymentCapacity()).isPositive();
    }

    @Test
    void refusesMissingHousing() {
        assertThatThrownBy(() -> PaymentCapacity.of(5_000_000, 1, null, 0))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.field()).isEqualTo("housing"));
    }

    @Test
    void refusesFiguresThatDoNotAddUp() {
        assertThatThrownBy(() -> new PaymentCapacity(5_000_000, 3, Housing.RENT, 600_000, 2_090_000, 2_310_000, 2_079_001,
                1_666_666)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheLivingCostsItIsGivenSoThatAStoredDecisionOutlivesATableChange() {
        // 2,000,000 is not today's figure for a family of three renting (2,090,000)
        PaymentCapacity then = new PaymentCapacity(5_000_000, 3, Housing.RENT, 600_000, 2_000_000, 2_400_000, 2_160_000,
                1_666_666);

        assertThat(then.livingCosts()).isEqualTo(2_000_000);
        assertThat(then.cashAdvanceCeiling()).isEqualTo(1_666_666);
    }

    private static final Gen<Long> YEN = longs().between(0, PaymentCapacity.MAX_YEN);
    private static final Gen<Integer> HOUSEHOLD = integers().between(1, PaymentCapacity.MAX_HOUSEHOLD);
    private static final Gen<Housing> HOUSING = integers().between(0, 2).map(i -> Housing.values()[i]);

    @Test
    void capacityIsNeverNegativeAndTheLimitNeverAboveNinetyPercent() {
        qt().withExamples(2000).forAll(YEN, HOUSEHOLD, HOUSING, YEN).checkAssert((income, size, housing, repayments) -> {
            PaymentCapacity capacity = PaymentCapacity.of(income, size, housing, repayments);
            assertThat(capacity.paymentCapacity()).isNotNegative();
            assertThat(capacity.maxRevolvingLimit()).isNotNegative();
            // limit ≤ 0.9 × capacity, in exact integers: 10 × limit ≤ 9 × capacity
            assertThat(10 * capacity.maxRevolvingLimit()).isLessThanOrEqualTo(9 * capacity.paymentCapacity());
            // and no whole yen more would still fit
            assertThat(10 * (capacity.maxRevolvingLimit() + 1)).isGreaterThan(9 * capacity.paymentCapacity());
        });
    }

    @Test
    void moreIncomeNeverLowersCapacityOrLimit() {
        Gen<PaymentCapacity> anyCapacity = YEN.zip(HOUSEHOLD, HOUSING, (income, size, housing) -> PaymentCapacity.of(
                income, size, housing, 0)).zip(YEN, (c, repayments) -> PaymentCapacity.of(c.annualIncome(),
                c.householdSize(), c.housing(), repayments));
        qt().withExamples(2000).forAll(anyCapacity, longs().between(0, 1_000_000_000))
                .assuming((less, more) -> less.annualIncome() + more <= PaymentCapacity.MAX_YEN)
                .checkAssert((less, more) -> {
                    PaymentCapacity greater = PaymentCapacity.of(less.annualIncome() + more, less.householdSize(),
                            less.housing(), less.annualCreditRepayments());
                    assertThat(greater.paymentCapacity()).isGreaterThanOrEqualTo(less.paymentCapacity());
                    assertThat(greater.maxRevolvingLimit()).isGreaterThanOrEqualTo(less.maxRevolvingLimit());
                    assertThat(greater.cashAdvanceCeiling()).isGreaterThanOrEqualTo(less.cashAdvanceCeiling());
                });
    }

    @Test
    void theDocsShowTheTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "screening.md"));
        assertThat(docs).as("docs/screening.md holds LivingCosts.markdownTable(); paste it again after a change")
                .contains(LivingCosts.markdownTable());
    }
}
