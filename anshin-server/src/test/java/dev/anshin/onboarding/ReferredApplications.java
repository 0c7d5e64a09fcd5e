package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.DeviceObservations;
import dev.anshin.ekyc.SandboxVendorResults;
import dev.anshin.screening.ApplicantFigures;
import dev.anshin.screening.Housing;
import dev.anshin.screening.Limits;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.screening.ScreeningRequest;
import dev.anshin.screening.Screenings;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Referred applications for the review queue's tests, made through the real path: the draft's steps saved
 * through {@link Applications}, a device observation posted to the collector's endpoint (or none), the
 * sandbox bureau told how to answer, the sandbox eKYC vendor's signed result delivered to the webhook, and
 * the application taken on by {@link Applications#progress}. Each applicant is a person of their own (kana
 * name, phone, e-mail), so no test's application is another's duplicate.
 */
final class ReferredApplications {

    static final String NAME = "審査花子";

    private final Applications applications;
    private final SandboxCreditBureau bureau;
    private final MockMvc mvc;
    private final JsonMapper json;
    private final ApplicationContext context;
    private final Clock clock;

    ReferredApplications(ApplicationContext context, MockMvc mvc, Clock clock) {
        this.applications = context.getBean(Applications.class);
        this.bureau = context.getBean(SandboxCreditBureau.class);
        this.json = context.getBean(JsonMapper.class);
        this.mvc = mvc;
        this.context = context;
        this.clock = clock;
    }

    /** A web application whose form came without the device collector's evidence: referred for NO_DEVICE_EVIDENCE. */
    Application withoutDevice(String name) throws Exception {
        return through(submitted(name, null, SandboxCreditBureau.Scenario.CLEAN, "0"), SandboxVendorResults.Seen.PASS);
    }

    /** As {@link #withoutDevice(String)}, with the phone's eight digits after 090 and the birth date given (yyyy-MM-dd). */
    Application withoutDevice(String name, String digits, String birthDate) throws Exception {
        String kana = Person.randomKana();
        return through(submitted(name, kana, digits, birthDate, null, SandboxCreditBureau.Scenario.CLEAN,
                "0"), SandboxVendorResults.Seen.PASS);
    }

    /** An application the bureau did not answer for: referred for SCREENING_REFERRED (a device of its own, clean). */
    Application bureauFailed(String name) throws Exception {
        return through(submitted(name, observation(), SandboxCreditBureau.Scenario.FAILURE, "0"),
                SandboxVendorResults.Seen.PASS);
    }

    /** An application whose face match was on the borderline: eKYC sends it to review, the policy refers it. */
    Application borderlineFace(String name) throws Exception {
        return through(submitted(name, observation(), SandboxCreditBureau.Scenario.CLEAN, "0"),
                SandboxVendorResults.Seen.BORDERLINE_FACE);
    }

    /** A clean applicant whose identity document had expired: eKYC does not confirm it, the policy refers it. */
    Application expiredDocument(String name) throws Exception {
        return through(submitted(name, observation(), SandboxCreditBureau.Scenario.CLEAN, "0"),
                SandboxVendorResults.Seen.EXPIRED_DOCUMENT);
    }

    /** The vendor's result for the application's current verification, then the application as far as it goes. */
    Application verified(String applicationId, SandboxVendorResults.Seen seen) throws Exception {
        Application pending = applications.find(applicationId).orElseThrow();
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(), seen))
                .isEqualTo(200);
        return settle(applicationId);
    }

    /**
     * A clean applicant with a device of their own, taken as far as the path goes now: ISSUED, or ERRORED
     * when a test makes issuance fail ({@link Applications#afterCardIssued}).
     */
    Application clean(String name) throws Exception {
        return settled(submitted(name, observation(), SandboxCreditBureau.Scenario.CLEAN, "0"),
                SandboxVendorResults.Seen.PASS);
    }

    /** A clean applicant asking for this cash advance (yen), taken as far as the path goes now. */
    Application withCashAdvance(String name, String cash) throws Exception {
        return settled(submitted(name, observation(), SandboxCreditBureau.Scenario.CLEAN, cash),
                SandboxVendorResults.Seen.PASS);
    }

    /**
     * The same person (kana name, birth date, phone, e-mail) applying twice, each time clean from a device of
     * their own: the first application, {@code between} run, then the second, each as far as the path goes.
     */
    List<Application> samePersonTwice(String name, Runnable between) throws Exception {
        return samePersonTwice(name, between, true);
    }

    /**
     * As {@link #samePersonTwice(String, Runnable)}; with {@code secondObserved} false the second comes without
     * device evidence (collector blocked), so it is referred for that: the same person's second application alone
     * is a weak signal that does not refer.
     */
    List<Application> samePersonTwice(String name, Runnable between, boolean secondObserved) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kana = Person.randomKana();
        String digits = String.format("%08d", random.nextInt(100_000_000));
        String birthDate = "1985-04-1" + random.nextInt(10);
        Application first = settled(submitted(name, kana, digits, birthDate, observation(),
                SandboxCreditBureau.Scenario.CLEAN, "0"), SandboxVendorResults.Seen.PASS);
        between.run();
        Application second = settled(submitted(name, kana, digits, birthDate, secondObserved ? observation() : null,
                SandboxCreditBureau.Scenario.CLEAN, "0"), SandboxVendorResults.Seen.PASS);
        return List.of(first, second);
    }

    /**
     * A web application without device evidence whose id was screened before with other figures (by another
     * caller of the screening): the screening refuses it as a conflict, so the application is ERRORED.
     */
    Application screenedBeforeWithOtherFigures(String name) throws Exception {
        Application submitted = submitted(name, null, SandboxCreditBureau.Scenario.CLEAN, "0");
        context.getBean(Screenings.class).screen(new ScreeningRequest(submitted.id(), null,
                new ApplicantFigures(9_000_000, 1, Housing.NONE, 0, false), new Limits(100_000, 0), "someone-else"));
        return settled(submitted, SandboxVendorResults.Seen.PASS);
    }

    /** Tells the sandbox bureau how to answer a screening made again ({@code <id>.2}, …). */
    void bureauAnswers(String screeningId, SandboxCreditBureau.Scenario scenario) {
        bureau.assign(screeningId, scenario);
    }

    private Application submitted(String name, String observation, SandboxCreditBureau.Scenario bureauSays,
            String cash) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kana = Person.randomKana();
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return submitted(name, kana, digits, "1985-04-1" + random.nextInt(10), observation, bureauSays,
                cash);
    }

    private Application submitted(String name, String kana, String digits, String birthDate, String observation,
            SandboxCreditBureau.Scenario bureauSays, String cash) {
        Application draft = applications.startDraft("ja").application();
        bureau.assign(draft.id(), bureauSays);
        Person person = new Person(kana + "　ハナコ", "090-" + digits.substring(0, 4) + "-" + digits.substring(4),
                "r" + digits + "@example.jp", birthDate);
        applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, person.aboutYou(name), "test");
        applications.saveStep(draft.id(), ApplicationStep.WORK_AND_MONEY, Person.workAndMoney(), "test");
        applications.saveStep(draft.id(), ApplicationStep.LIMITS_AND_CONSENT, Person.limits(cash), "test");
        return applications.submit(draft.id(), observation, "test");
    }

    private Application through(Application submitted, SandboxVendorResults.Seen seen) throws Exception {
        Application application = settled(submitted, seen);
        assertThat(application.status()).as("referred").isEqualTo(ApplicationStatus.REFERRED);
        return application;
    }

    private Application settled(Application submitted, SandboxVendorResults.Seen seen) throws Exception {
        Application pending = applications.startIdentity(submitted.id());
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(), seen))
                .isEqualTo(200);
        return settle(submitted.id());
    }

    private Application settle(String applicationId) throws Exception {
        Application application = applications.progress(applicationId);
        // The eKYC event's listener may be taking the same conclusion on in the background.
        for (int i = 0; i < 100 && Set.of(ApplicationStatus.IDENTITY_PENDING, ApplicationStatus.SCREENING,
                ApplicationStatus.APPROVED).contains(application.status()); i++) {
            Thread.sleep(50);
            application = applications.find(application.id()).orElseThrow();
        }
        return application;
    }

    /** A new laptop of its own in Japan, observed by the collector endpoint. */
    private String observation() throws Exception {
        return DeviceObservations.newLaptop(mvc, json);
    }
}
