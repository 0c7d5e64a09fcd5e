package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.onboarding.ApplicationOutcome;
import dev.anshin.onboarding.ApplicationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicantTallyTest {

    private final DemoApplicants simulator = new DemoApplicants(1, 1);

    private ApplicantJourney.Outcome outcome(ApplicantKind kind, ApplicationOutcome decided, Duration toCard) {
        SimulatedApplicant applicant = simulator.of(0, kind);
        ApplicationStatus status = decided == null ? ApplicationStatus.IDENTITY_PENDING
                : decided == ApplicationOutcome.APPROVE ? ApplicationStatus.ISSUED
                : decided == ApplicationOutcome.REFER ? ApplicationStatus.REFERRED : ApplicationStatus.DECLINED;
        return new ApplicantJourney.Outcome(applicant, "APP-x", status, decided, List.of(), toCard,
                toCard == null ? null : Duration.ofSeconds(30), null);
    }

    @Test
    void theLineCountsDecisionsAgainstTheTruthAndTheTimesToACard() {
        ApplicantTally tally = new ApplicantTally();
        for (int i = 0; i < 6; i++) {
            tally.started();
        }
        tally.record(outcome(ApplicantKind.GENUINE, ApplicationOutcome.APPROVE, Duration.ofSeconds(32)));
        tally.record(outcome(ApplicantKind.GENUINE, ApplicationOutcome.APPROVE, Duration.ofSeconds(40)));
        tally.record(outcome(ApplicantKind.GENUINE, ApplicationOutcome.REFER, null));
        tally.record(outcome(ApplicantKind.STOLEN_IDENTITY, ApplicationOutcome.DECLINE, null));
        tally.record(outcome(ApplicantKind.BOT, null, null));

        String line = tally.line();

        assertThat(line).startsWith("demo applicants: 5 finished, 1 on their way;")
                .contains(" genuine 2/1/0 ", " stolen-identity 0/0/1 ", " bot 0/0/0 (+1 undecided)")
                .contains("fraud stopped 1/1 (100 %), genuine and over-asking stopped 1/3 (33 %)")
                .contains("submission to first payment p50 32.0 s, p95 40.0 s (system's share p50 2.0 s, p95 10.0 s) "
                        + "over 2 cards");
        assertThat(tally.count(ApplicantKind.GENUINE, ApplicationOutcome.APPROVE)).isEqualTo(2);
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(ApplicantTally.seconds(List.of(), 0.5)).isEqualTo("-");
        assertThat(ApplicantTally.seconds(List.of(1_000L, 2_000L, 3_000L, 4_000L), 0.5)).isEqualTo("2.0");
        assertThat(ApplicantTally.seconds(List.of(1_000L, 2_000L, 3_000L, 4_000L), 0.95)).isEqualTo("4.0");
    }
}
