package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.notifications.SandboxNotificationSender;
import dev.anshin.onboarding.Application;
import dev.anshin.onboarding.ApplicationOutcome;
import dev.anshin.onboarding.ApplicationStatus;
import dev.anshin.onboarding.Applications;
import dev.anshin.onboarding.RiskReason;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's applicants on a real server: observations over HTTP, the pages' calls and the partner API,
 * the sandbox eKYC vendor's pages and its signed webhook, the screening with the sandbox bureau (told to
 * find no credit here, so that the outcome is the policy's fraud signals), and a first payment with the
 * new card. Each applicant's outcome is the one the simulator's truth should meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/demo-applicants-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.devices.observations-per-address=off",
        "anshin.screening.sandbox.weights.CLEAN=1000"})
@Import(MovableClock.class)
@ExtendWith(OutputCaptureExtension.class)
class DemoApplicantsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Applications applications;

    @Autowired
    EkycVerifications verifications;

    @Autowired
    ApiClients clients;

    @Autowired
    Decisions decisions;

    @Autowired
    JsonMapper json;

    @Autowired
    Clock clock;

    @Autowired
    SandboxNotificationSender sandbox;

    private final DemoApplicants simulator = new DemoApplicants(System.nanoTime(), 0);
    private ApplicantJourney journey;

    @BeforeEach
    void journeys() {
        String intake = clients.replace("test-demo-applications", EnumSet.of(Role.APPLICATION_INTAKE));
        String scorer = clients.replace("test-demo-scorer", EnumSet.of(Role.SCORER));
        journey = new ApplicantJourney(applications, verifications, decisions, HttpClient.newHttpClient(), json,
                URI.create("http://127.0.0.1:" + port), intake, scorer, Long.toString(System.nanoTime(), 36), clock,
                d -> true, sandbox::noticesTo);
    }

    /** An applicant of the kind, through the channel, whose camera shows the scenario. */
    private SimulatedApplicant applicant(ApplicantKind kind, boolean partner, String scenario) {
        SimulatedApplicant a = simulator.of((int) (System.nanoTime() % 1_000_000), kind);
        return new SimulatedApplicant(a.index(), kind, partner, a.aboutYou(), a.workAndMoney(), a.limits(), a.device(),
                a.visits(), "IC_CHIP_AND_FACE", scenario, a.formSteps(), a.afterSubmit());
    }

    @Test
    void aGenuineApplicantOnThePagesPaysWithTheNewCard() throws Exception {
        ApplicantJourney.Outcome outcome = journey.run(applicant(ApplicantKind.GENUINE, false, "PASS"));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(outcome.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(outcome.toCard()).isPositive().isLessThan(Duration.ofSeconds(30));
        assertThat(outcome.think()).isZero();
        String applied = applications.find(outcome.applicationId()).orElseThrow().device().deviceId();
        assertThat(applied).as("the observation went with the application").isNotNull();
        // The first payment, online from the same browser, was scored with the device the application came from.
        ApplicantJourney.Payment payment = outcome.payment();
        assertThat(payment.ownBrowser()).isTrue();
        assertThat(payment.observed()).isTrue();
        assertThat(payment.recognised()).isTrue();
        assertThat(payment.sameAsApplication()).isTrue();
        Authorization scored = decisions.find(payment.authorizationId()).orElseThrow().authorization();
        assertThat(scored.cardPresent()).isFalse();
        assertThat(scored.device().deviceId()).isEqualTo(applied);
        assertThat(scored.device().anshin().applications30d()).isEqualTo(1);
        assertThat(scored.device().anshin().customers()).as("linked to the new cardholder at issuance").isEqualTo(1);
    }

    @Test
    void aSyntheticIdentitysCardIsPaidFromTheFarmsPhoneAndTheDecisionShowsTheDevice() throws Exception {
        DemoApplicants ring = new DemoApplicants(System.nanoTime(), 0);
        for (int i = 0; i < 3; i++) { // the farm's phone applies three times under three names
            SimulatedApplicant a = ring.of(i, ApplicantKind.DEVICE_FARM);
            journey.run(new SimulatedApplicant((int) (System.nanoTime() % 1_000_000), a.kind(), false,
                    a.aboutYou(), a.workAndMoney(), a.limits(), a.device(), 1, "JPKI", "PASS", a.formSteps(),
                    a.afterSubmit()));
        }
        SimulatedApplicant synthetic;
        do { // made up on a browser in Japan, passing the identity check: the card is issued
            SimulatedApplicant s = ring.of(3, ApplicantKind.SYNTHETIC_IDENTITY);
            synthetic = new SimulatedApplicant((int) (System.nanoTime() % 1_000_000), s.kind(), false, s.aboutYou(),
                    s.workAndMoney(), s.limits(), s.device(), 1, "JPKI", "PASS", s.formSteps(), s.afterSubmit(),
                    s.paysFrom());
        } while (!synthetic.device().timezone().equals("Asia/Tokyo")
                || !synthetic.device().languages().contains("ja"));

        ApplicantJourney.Outcome outcome = journey.run(synthetic);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.status()).isEqualTo(ApplicationStatus.ISSUED);
        ApplicantJourney.Payment payment = outcome.payment();
        assertThat(payment.ownBrowser()).isFalse();
        assertThat(payment.recognised()).isTrue();
        assertThat(payment.sameAsApplication()).as("the truth is another browser").isNull();
        assertThat(payment.deviceReasons()).contains("MANY_APPLICATIONS");
        StoredDecision stored = decisions.find(payment.authorizationId()).orElseThrow();
        assertThat(stored.authorization().device().deviceId())
                .isNotEqualTo(applications.find(outcome.applicationId()).orElseThrow().device().deviceId());
        assertThat(stored.decision().reasons()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(Reason.Kind.DEVICE);
            assertThat(r.code()).isEqualTo("MANY_APPLICATIONS");
        });
    }

    @Test
    void aGenuineApplicantThroughAPartnerPaysWithTheNewCard() throws Exception {
        ApplicantJourney.Outcome outcome = journey.run(applicant(ApplicantKind.GENUINE, true, "PASS"));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(outcome.reasons()).containsExactly(RiskReason.PARTNER_WITHOUT_DEVICE);
        assertThat(outcome.toCard()).isPositive();
        // The partner's setup link was opened with the check and the code from the applicant's sandbox inbox (a
        // wrong or missing code would have ended the journey with a failure).
        Application issued = applications.find(outcome.applicationId()).orElseThrow();
        assertThat(sandbox.noticesTo(issued.customerId())).anySatisfy(n -> assertThat(n.id())
                .startsWith("onboarding-code:" + issued.id()));
    }

    @Test
    void aStolenIdentityIsDeclinedAtTheFaceCheck() throws Exception {
        ApplicantJourney.Outcome outcome = journey.run(applicant(ApplicantKind.STOLEN_IDENTITY, false, "FACE_MISMATCH"));

        assertThat(outcome.outcome()).isEqualTo(ApplicationOutcome.DECLINE);
        assertThat(outcome.reasons()).contains(RiskReason.IDENTITY_FAILED);
        assertThat(outcome.toCard()).isNull();
    }

    @Test
    void aCarelessBotIsReferredForItsAutomationMarkers() throws Exception {
        SimulatedApplicant bot;
        do {
            bot = applicant(ApplicantKind.BOT, false, "PASS");
        } while (!bot.device().webdriver());

        ApplicantJourney.Outcome outcome = journey.run(bot);

        assertThat(outcome.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(outcome.reasons()).contains(RiskReason.DEVICE_AUTOMATION);
    }

    @Test
    void theDeviceFarmsThirdApplicationIsReferred() throws Exception {
        DemoApplicants farmOwner = new DemoApplicants(System.nanoTime(), 0);
        ApplicantJourney.Outcome last = null;
        for (int i = 0; i < 3; i++) {
            SimulatedApplicant a = farmOwner.of(i, ApplicantKind.DEVICE_FARM);
            last = journey.run(new SimulatedApplicant((int) (System.nanoTime() % 1_000_000), a.kind(), false,
                    a.aboutYou(), a.workAndMoney(), a.limits(), a.device(), 1, "JPKI", "PASS", a.formSteps(),
                    a.afterSubmit()));
        }

        assertThat(last.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(last.reasons()).contains(RiskReason.DEVICE_MANY_APPLICATIONS, RiskReason.DUPLICATE_DEVICE);
    }

    @Test
    void aSyntheticIdentityOnAClockAbroadIsReferred() throws Exception {
        SimulatedApplicant synthetic;
        do {
            synthetic = applicant(ApplicantKind.SYNTHETIC_IDENTITY, false, "PASS");
        } while (synthetic.device().timezone().equals("Asia/Tokyo"));

        ApplicantJourney.Outcome outcome = journey.run(synthetic);

        assertThat(outcome.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(outcome.reasons()).contains(RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN);
    }

    @Test
    void applicantsArriveAndTheDemoStopsQuietly(CapturedOutput output) throws Exception {
        String intake = clients.replace("test-demo-applications-2", EnumSet.of(Role.APPLICATION_INTAKE));
        String scorer = clients.replace("test-demo-scorer-2", EnumSet.of(Role.SCORER));
        ApplicantTally tally = new ApplicantTally();
        DemoApplications demo = new DemoApplications(new DemoApplicants(42, 1), pauses -> new ApplicantJourney(
                applications, verifications, decisions, HttpClient.newHttpClient(), json,
                URI.create("http://127.0.0.1:" + port), intake, scorer, Long.toString(System.nanoTime(), 36), clock,
                pauses, sandbox::noticesTo), tally);
        demo.arrive();
        demo.arrive();
        Thread.sleep(1_500); // both on their way, in their first pauses

        long stopping = System.nanoTime();
        assertThat(demo.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(3));
        assertThat(tally.finished()).isZero();
        assertThat(tally.line()).contains("0 finished, 0 on their way");
        assertThat(output.getAll()).doesNotContain("could not go on").doesNotContain("WARN  dev.anshin.demo");
    }
}
