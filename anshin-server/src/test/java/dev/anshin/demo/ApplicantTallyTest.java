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

    private ApplicantJourney.Outcome paid(ApplicantKind kind, ApplicantJourney.Payment payment) {
        ApplicantJourney.Outcome outcome = outcome(kind, ApplicationOutcome.APPROVE, Duration.ofSeconds(35));
        return new ApplicantJourney.Outcome(outcome.applicant(), outcome.applicationId(), outcome.status(),
                outcome.outcome(), outcome.reasons(), outcome.toCard(), outcome.think(), null, payment);
    }

    @Test
    void theLineSaysWhatTheFirstPaymentsDecisionsKnewOfTheirDevices() {
        ApplicantTally tally = new ApplicantTally();
        tally.record(paid(ApplicantKind.GENUINE, new ApplicantJourney.Payment("a1", true, true, true, true, List.of())));
        tally.record(paid(ApplicantKind.GENUINE, new ApplicantJourney.Payment("a2", true, true, true, false,
                List.of("LANGUAGE_NOT_JAPANESE"))));
        tally.record(paid(ApplicantKind.OVER_ASKING, new ApplicantJourney.Payment("a3", true, false, false, null,
                List.of())));
        tally.record(paid(ApplicantKind.SYNTHETIC_IDENTITY, new ApplicantJourney.Payment("a4", false, true, true, null,
                List.of("MANY_APPLICATIONS", "SHARED_BY_CUSTOMERS"))));
        tally.record(paid(ApplicantKind.BOT, new ApplicantJourney.Payment("a5", true, true, true, true, List.of())));
        tally.record(outcome(ApplicantKind.GENUINE, ApplicationOutcome.REFER, null)); // no payment

        assertThat(tally.line()).endsWith("; first payments online 5 (with an observation 4, device recognised 4, "
                + "the application's device again 2/3 (67 %) where it is the same browser); decisions with device "
                + "reasons: fraud 1/2 (50 %), genuine and over-asking 1/3 (33 %) (LANGUAGE_NOT_JAPANESE 1, "
                + "MANY_APPLICATIONS 1, SHARED_BY_CUSTOMERS 1)");
    }

    @Test
    void noPaymentsYetSayNothingOfDevices() {
        ApplicantTally tally = new ApplicantTally();
        tally.record(outcome(ApplicantKind.GENUINE, ApplicationOutcome.DECLINE, null));

        assertThat(tally.line()).endsWith("; first payments online 0 (with an observation 0, device recognised 0, "
                + "the application's device again - where it is the same browser); decisions with device reasons: "
                + "fraud -, genuine and over-asking -");
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(ApplicantTally.seconds(List.of(), 0.5)).isEqualTo("-");
        assertThat(ApplicantTally.seconds(List.of(1_000L, 2_000L, 3_000L, 4_000L), 0.5)).isEqualTo("2.0");
        assertThat(ApplicantTally.seconds(List.of(1_000L, 2_000L, 3_000L, 4_000L), 0.95)).isEqualTo("4.0");
    }
}
