package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.onboarding.ApplicationForm;
import dev.anshin.onboarding.ApplicationStep;
import dev.anshin.screening.Housing;
import dev.anshin.screening.PaymentCapacity;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoApplicantsTest {

    private static final ApplicationForm.LimitRules RULES = new ApplicationForm.LimitRules(100_000, 10_000);

    private static List<SimulatedApplicant> stream(long seed, int n) {
        DemoApplicants simulator = new DemoApplicants(seed, 1);
        return IntStream.range(0, n).mapToObj(i -> simulator.next()).toList();
    }

    @Test
    void theSameSeedMakesTheSameApplicants() {
        assertThat(stream(7, 50)).isEqualTo(stream(7, 50));
        assertThat(stream(7, 50)).isNotEqualTo(stream(8, 50));
    }

    @Test
    void theKindsFollowTheMixAndAQuarterComeThroughAPartner() {
        List<SimulatedApplicant> applicants = stream(1, 10_000);
        Map<ApplicantKind, Long> kinds = new EnumMap<>(ApplicantKind.class);
        applicants.forEach(a -> kinds.merge(a.kind(), 1L, Long::sum));
        assertThat(kinds.get(ApplicantKind.GENUINE)).isBetween(5_800L, 6_200L);
        assertThat(kinds.get(ApplicantKind.OVER_ASKING)).isBetween(1_100L, 1_300L);
        for (ApplicantKind fraud : List.of(ApplicantKind.SYNTHETIC_IDENTITY, ApplicantKind.DEVICE_FARM,
                ApplicantKind.BOT, ApplicantKind.STOLEN_IDENTITY)) {
            assertThat(kinds.get(fraud)).isBetween(600L, 800L);
        }
        assertThat(applicants.stream().filter(SimulatedApplicant::viaPartner).count()).isBetween(2_300L, 2_700L);
    }

    @Test
    void everyApplicationPassesTheFormsOwnChecks() {
        LocalDate today = LocalDate.now();
        for (SimulatedApplicant a : stream(3, 2_000)) {
            assertThat(ApplicationForm.check(ApplicationStep.ABOUT_YOU,
                    ApplicationForm.normalise(ApplicationStep.ABOUT_YOU, a.aboutYou()), today, RULES)).as("%s", a).isEmpty();
            assertThat(ApplicationForm.check(ApplicationStep.WORK_AND_MONEY,
                    ApplicationForm.normalise(ApplicationStep.WORK_AND_MONEY, a.workAndMoney()), today, RULES))
                    .as("%s", a).isEmpty();
            assertThat(ApplicationForm.check(ApplicationStep.LIMITS_AND_CONSENT,
                    ApplicationForm.normalise(ApplicationStep.LIMITS_AND_CONSENT, a.limits()), today, RULES))
                    .as("%s", a).isEmpty();
        }
    }

    @Test
    void ordinaryPeopleAskForWhatTheyCanRepayAndOverAskersForMore() {
        int ordinary = 0;
        int overAsking = 0;
        for (SimulatedApplicant a : stream(4, 3_000)) {
            long allowed = capacity(a).maxRevolvingLimit() / 10_000 * 10_000;
            long asked = Long.parseLong(a.limits().get("requestedRevolving"));
            if (a.kind() == ApplicantKind.GENUINE) {
                assertThat(asked).as("%s", a).isLessThanOrEqualTo(allowed);
                ordinary++;
            } else if (a.kind() == ApplicantKind.OVER_ASKING) {
                assertThat(asked).as("%s", a).isGreaterThan(allowed);
                overAsking++;
            }
        }
        assertThat(ordinary).isGreaterThan(1_500);
        assertThat(overAsking).isGreaterThan(250);
    }

    @Test
    void incomesHouseholdsAndHousingVary() {
        List<SimulatedApplicant> genuine = stream(5, 2_000).stream()
                .filter(a -> a.kind() == ApplicantKind.GENUINE).toList();
        assertThat(genuine.stream().map(a -> a.workAndMoney().get("householdSize")).distinct()).hasSize(5);
        assertThat(genuine.stream().map(a -> a.workAndMoney().get("housing")).distinct()).hasSize(6);
        assertThat(genuine.stream().map(a -> a.workAndMoney().get("annualIncome")).distinct().count()).isGreaterThan(300);
        assertThat(genuine.stream().filter(a -> !a.workAndMoney().get("annualCreditRepayments").equals("0")).count())
                .isBetween(400L, 900L);
    }

    @Test
    void theDeviceFarmPostsTheSameSignalsEveryTime() {
        List<SimulatedDevice> farm = stream(6, 3_000).stream().filter(a -> a.kind() == ApplicantKind.DEVICE_FARM)
                .map(SimulatedApplicant::device).distinct().toList();
        assertThat(farm).hasSize(1);
    }

    @Test
    void mostBotsShowAutomationMarkersAndAQuarterHideThem() {
        List<SimulatedDevice> bots = stream(7, 4_000).stream().filter(a -> a.kind() == ApplicantKind.BOT)
                .map(SimulatedApplicant::device).toList();
        long careless = bots.stream().filter(d -> d.webdriver() && d.userAgent().contains("HeadlessChrome")
                && d.webglRenderer().contains("SwiftShader")).count();
        assertThat((double) careless / bots.size()).isBetween(0.65, 0.85);
        assertThat(bots.stream().filter(d -> !d.webdriver()).allMatch(d -> !d.userAgent().contains("Headless"))).isTrue();
    }

    @Test
    void syntheticIdentitiesUseFreshMailboxesAndMostlyAClockOutsideJapan() {
        List<SimulatedApplicant> synthetic = stream(8, 4_000).stream()
                .filter(a -> a.kind() == ApplicantKind.SYNTHETIC_IDENTITY).toList();
        assertThat(synthetic).allMatch(a -> a.aboutYou().get("email").endsWith("@example.net"));
        double abroad = synthetic.stream().filter(a -> !a.device().timezone().equals("Asia/Tokyo")).count()
                / (double) synthetic.size();
        assertThat(abroad).isBetween(0.5, 0.7);
    }

    @Test
    void stolenIdentitiesFailTheFaceOrDocumentChecks() {
        assertThat(stream(9, 3_000).stream().filter(a -> a.kind() == ApplicantKind.STOLEN_IDENTITY)
                .map(SimulatedApplicant::ekycScenario).distinct())
                .containsExactlyInAnyOrder("FACE_MISMATCH", "LIVENESS_FAIL", "SPOOFED_DOCUMENT");
    }

    @Test
    void aFaceThatFailsIsShownToAFaceMethod() {
        assertThat(stream(11, 3_000)).filteredOn(a -> !Set.of("PASS", "SPOOFED_DOCUMENT").contains(a.ekycScenario()))
                .isNotEmpty().allMatch(a -> !a.ekycMethod().equals("JPKI"));
    }

    @Test
    void aPersonsBrowserDriftsALittleBetweenVisitsAndKeepsItsHashes() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            SimulatedDevice device = SimulatedDevice.personal(random);
            SimulatedDevice later = device.drifted(random).drifted(random);
            assertThat(later.canvas()).isEqualTo(device.canvas());
            assertThat(later.audio()).isEqualTo(device.audio());
            assertThat(later.userAgent()).isEqualTo(device.userAgent());
        }
        assertThat(IntStream.range(0, 200).mapToObj(i -> SimulatedDevice.personal(random))
                .filter(d -> !d.drifted(random).equals(d)).count()).isGreaterThan(20);
    }

    @Test
    void thinkTimeScalesAndIsAboutHalfAMinuteAfterSubmission() {
        List<Duration> person = stream(10, 500).stream().filter(a -> a.kind() != ApplicantKind.BOT)
                .map(SimulatedApplicant::thinkAfterSubmit).sorted().toList();
        assertThat(person.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(22));
        assertThat(person.get(person.size() - 1)).isLessThanOrEqualTo(Duration.ofSeconds(46));
        assertThat(new DemoApplicants(10, 0).next().thinkAfterSubmit()).isZero();
    }

    private static PaymentCapacity capacity(SimulatedApplicant a) {
        String housing = a.workAndMoney().get("housing");
        Housing screening = switch (housing) {
            case "RENTED", "COMPANY_HOUSING" -> Housing.RENT;
            case "OWNED_WITH_MORTGAGE" -> Housing.MORTGAGE;
            default -> Housing.NONE;
        };
        return PaymentCapacity.of(Long.parseLong(a.workAndMoney().get("annualIncome")),
                Integer.parseInt(a.workAndMoney().get("householdSize")), screening,
                Long.parseLong(a.workAndMoney().get("annualCreditRepayments")));
    }
}
