package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.screening.CreditBureau.BureauInquiry;
import dev.anshin.screening.CreditBureau.InquiryPurpose;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxCreditBureauTest {

    private final SandboxCreditBureau bureau = new SandboxCreditBureau(SandboxCreditBureau.Settings.DEFAULTS);

    private static BureauInquiry inquiry(String reference) {
        return new BureauInquiry(reference, null, InquiryPurpose.APPLICATION);
    }

    @Test
    void theSameReferenceGetsTheSameAnswer() throws Exception {
        for (int i = 0; i < 200; i++) {
            String reference = "APP-" + i;
            if (bureau.scenarioOf(reference) == Scenario.SLOW || bureau.scenarioOf(reference) == Scenario.FAILURE) {
                continue;
            }
            assertThat(new SandboxCreditBureau(SandboxCreditBureau.Settings.DEFAULTS).inquire(inquiry(reference)))
                    .isEqualTo(bureau.inquire(inquiry(reference)));
        }
    }

    @Test
    void scenariosAreDrawnRoughlyByTheirWeights() {
        Map<Scenario, Integer> seen = new EnumMap<>(Scenario.class);
        for (int i = 0; i < 10_000; i++) {
            seen.merge(bureau.scenarioOf("APP-" + i), 1, Integer::sum);
        }
        assertThat(seen.get(Scenario.CLEAN)).isBetween(5_200, 5_800);
        assertThat(seen.get(Scenario.DELINQUENT)).isBetween(350, 650);
        assertThat(seen.get(Scenario.FAILURE)).isBetween(50, 150);
    }

    @Test
    void anAssignedScenarioWins() throws Exception {
        bureau.assign("APP-x", Scenario.DELINQUENT);

        assertThat(bureau.inquire(inquiry("APP-x")).delinquencies()).isPositive();
    }

    @Test
    void aHeavyBorrowerOwesOtherLendersAboveAMillion() throws Exception {
        for (int i = 0; i < 50; i++) {
            bureau.assign("H-" + i, Scenario.HEAVY_BORROWER);
            BureauReport report = bureau.inquire(inquiry("H-" + i));
            assertThat(report.otherLendersCashAdvanceBalance()).isBetween(1_100_000L, 1_800_000L);
            assertThat(report.annualRepaymentsDue()).isBetween(1_200_000L, 2_400_000L);
            assertThat(report.delinquencies()).isZero();
        }
    }

    @Test
    void aCleanPersonOwesNothing() throws Exception {
        bureau.assign("C", Scenario.CLEAN);

        assertThat(bureau.inquire(inquiry("C"))).isEqualTo(new BureauReport(0, 0, 0, 0));
    }

    @Test
    void theFailureScenarioThrows() {
        bureau.assign("F", Scenario.FAILURE);

        assertThatThrownBy(() -> bureau.inquire(inquiry("F"))).isInstanceOfSatisfying(CreditBureau.Unavailable.class,
                e -> assertThat(e.code()).isEqualTo("SANDBOX_FAILURE"));
    }

    @Test
    void theSlowScenarioAnswersAfterItsDelay() throws Exception {
        SandboxCreditBureau quick = new SandboxCreditBureau(new SandboxCreditBureau.Settings(Duration.ofMillis(1),
                null, Map.of("S", Scenario.SLOW)));

        assertThat(quick.inquire(inquiry("S")).delinquencies()).isZero();
    }

    @Test
    void weightsAddingToNothingAreRefused() {
        assertThatThrownBy(() -> new SandboxCreditBureau.Settings(Duration.ZERO, Map.of(Scenario.CLEAN, 0), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
