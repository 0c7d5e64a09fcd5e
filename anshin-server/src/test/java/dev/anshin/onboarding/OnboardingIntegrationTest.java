package dev.anshin.onboarding;

import static dev.anshin.onboarding.Person.limits;
import static dev.anshin.onboarding.Person.partnerBody;
import static dev.anshin.onboarding.Person.workAndMoney;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.DeviceObservations;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.devices.Devices;
import dev.anshin.ekyc.SandboxVendorResults;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.Luhn;
import dev.anshin.problems.RequestProblem;
import dev.anshin.screening.Limits;
import dev.anshin.screening.ReasonCode;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import dev.anshin.screening.Screenings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application path end to end on the real modules (vault, devices, sandbox eKYC through its signed
 * webhook, screening with the sandbox bureau, cards, portal): a clean applicant's card scores at once;
 * impossible values, a bureau failure, a failed identity, duplicates and a crash during issuance each get
 * their answer; the partner API is strict and idempotent.
 */
class OnboardingIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Applications applications;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    Screenings screenings;

    @Autowired
    Devices devices;

    @Autowired
    PersonalData personalData;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private Duration moved = Duration.ZERO;

    private void later(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    @AfterEach
    void giveTheClockBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
        applications.afterCardIssued = () -> { };
    }

    /** A new device's observation reference, from a laptop of its own in Japan. */
    private String observation() throws Exception {
        return observation(false);
    }

    private String observation(boolean webdriver) throws Exception {
        return observation(webdriver, DeviceObservations.individual(), RemoteAddresses.fresh());
    }

    /** A new observation of the device {@code individual} names, from {@code address} (the same laptop at home). */
    private String observation(boolean webdriver, String individual, String address) throws Exception {
        Map<String, Object> laptop = DeviceObservations.laptop(individual, DeviceObservations.CHROME);
        return DeviceObservations.observed(mvc, json, webdriver ? DeviceObservations.underWebDriver(laptop) : laptop,
                address);
    }

    /** A draft with every step saved, submitted with a device observation (or none), and the bureau's answer set. */
    private Application submitted(Person person, String observation, Scenario bureauSays) {
        Application draft = applications.startDraft("ja").application();
        bureau.assign(draft.id(), bureauSays);
        applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, person.aboutYou(), "test");
        applications.saveStep(draft.id(), ApplicationStep.WORK_AND_MONEY, workAndMoney(), "test");
        applications.saveStep(draft.id(), ApplicationStep.LIMITS_AND_CONSENT, limits(), "test");
        return applications.submit(draft.id(), observation, "test");
    }

    /** Through eKYC: started, the vendor's signed result delivered, and the applicant back. */
    private Application verified(Application submitted, SandboxVendorResults.Seen seen) throws Exception {
        Application pending = applications.startIdentity(submitted.id());
        assertThat(pending.status()).isEqualTo(ApplicationStatus.IDENTITY_PENDING);
        assertThat(pending.identity().continueUrl()).contains("/sandbox/ekyc/");
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(), seen))
                .isEqualTo(200);
        return settled(applications.progress(submitted.id()));
    }

    /** Waits for the background listener taking the same conclusion on, if it is still at it. */
    private Application settled(Application application) throws InterruptedException {
        for (int i = 0; i < 100 && Set.of(ApplicationStatus.IDENTITY_PENDING, ApplicationStatus.SCREENING,
                ApplicationStatus.APPROVED).contains(application.status()); i++) {
            Thread.sleep(50);
            application = applications.find(application.id()).orElseThrow();
        }
        return application;
    }

    @Test
    void aCleanApplicantGetsAnActiveCardThatScoresAtOnceAndSeesItOnce() throws Exception {
        Person person = Person.fresh();
        String observation = observation();
        Application issued = verified(submitted(person, observation, Scenario.CLEAN), SandboxVendorResults.Seen.PASS);

        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(issued.decision().reasons()).isEmpty();
        String token = issued.issue().cardToken();
        Card card = cards.find(token).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.ACTIVE);
        assertThat(card.bin()).isEqualTo("499999");
        assertThat(card.customerId()).isEqualTo(issued.customerId());
        // Usable in the same minute.
        postAuthorization(authorization(newId("auth"), token)).andExpect(status().isOk());
        // The screening's account, the device link and the portal enrollment came with it.
        assertThat(screenings.account(token)).get().extracting(a -> a.limits().revolving()).isEqualTo(300_000L);
        String deviceId = devices.observation(observation).orElseThrow().deviceId();
        assertThat(devices.devicesOf(issued.customerId())).contains(deviceId);
        var setup = applications.portalSetup(issued.id()).orElseThrow();
        assertThat(setup.status()).isEqualTo("PENDING");
        assertThat(setup.activationCode()).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
        // The identity verification is now a customer's record, kept for the relationship (EkycRetention).
        // (to the microsecond PostgreSQL and H2 keep: the clock may have nanoseconds)
        assertThat(jdbc.sql("SELECT customer_since FROM ekyc_verifications WHERE id = ?")
                .param(issued.identity().verificationId()).query(java.sql.Timestamp.class).single().toInstant())
                .isCloseTo(issued.issue().issuedAt(), org.assertj.core.api.Assertions.within(1,
                        java.time.temporal.ChronoUnit.MICROS));

        // Shown once, to the card's own customer only.
        Actor someoneElse = Actor.cardholder(newCustomer(), "test");
        assertThat(applications.revealCard(issued.id(), someoneElse)).isEmpty();
        Actor holder = Actor.cardholder(issued.customerId(), "test");
        var details = applications.revealCard(issued.id(), holder).orElseThrow();
        assertThat(details.number()).startsWith("499999").endsWith(card.last4()).hasSize(16);
        assertThat(Luhn.checkDigit(details.number().substring(0, 15))).isEqualTo(details.number().charAt(15) - '0');
        assertThat(details.securityCode()).matches("[0-9]{3}");
        assertThat(details.expiry().getYear()).isGreaterThanOrEqualTo(java.time.Year.now(clock).getValue() + 5);
        assertThat(details.toString()).doesNotContain(details.number()).doesNotContain(details.securityCode());
        assertThat(applications.revealCard(issued.id(), holder)).isEmpty();
        assertThat(applications.cardSummary(issued.id())).get()
                .satisfies(summary -> {
                    assertThat(summary.masked()).isEqualTo(card.masked());
                    assertThat(summary.revealed()).isTrue();
                    assertThat(summary.expiry()).isEqualTo(details.expiry());
                });
        // The code is derived, never stored: nowhere in the application's row or the card's.
        String row = jdbc.sql("SELECT * FROM applications WHERE id = ?").param(issued.id())
                .query((rs, n) -> {
                    StringBuilder all = new StringBuilder();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        all.append(rs.getString(c)).append('|');
                    }
                    return all.toString();
                }).single();
        assertThat(row).doesNotContain(details.number()).doesNotContain(person.kana()).doesNotContain(person.email())
                .doesNotContain("申込太郎");
        // The moves, in order.
        assertThat(applications.evidence(issued.id()).orElseThrow().moves()).extracting(Applications.Move::action)
                .containsExactly(ApplicationAction.SAVE_STEP, ApplicationAction.SAVE_STEP, ApplicationAction.SAVE_STEP,
                        ApplicationAction.SUBMIT, ApplicationAction.START_IDENTITY, ApplicationAction.IDENTITY_CONCLUDED,
                        ApplicationAction.APPROVE, ApplicationAction.ISSUE);
    }

    @Test
    void impossibleValuesAreFieldProblemsAndNothingIsStored() {
        Application draft = applications.startDraft("en").application();
        Person person = Person.fresh();
        Map<String, String> young = person.aboutYou();
        young.put("dateOfBirth", java.time.LocalDate.now(clock).minusYears(17).toString());
        assertThatThrownBy(() -> applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, young, "test"))
                .isInstanceOfSatisfying(ApplicationInputRefused.class, refused -> assertThat(refused.fieldErrors())
                        .containsExactly(new FieldError("dateOfBirth", "under-18")));
        assertThat(applications.find(draft.id()).orElseThrow().customerId()).isNull();

        applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, person.aboutYou(), "test");
        Map<String, String> money = workAndMoney();
        money.put("annualIncome", "-5000000");
        money.put("householdSize", "0");
        assertThatThrownBy(() -> applications.saveStep(draft.id(), ApplicationStep.WORK_AND_MONEY, money, "test"))
                .isInstanceOfSatisfying(ApplicationInputRefused.class, refused -> assertThat(refused.fieldErrors())
                        .containsExactly(new FieldError("annualIncome", "negative"),
                                new FieldError("householdSize", "household")));
        Map<String, String> tooLittle = limits();
        tooLittle.put("requestedRevolving", "50000");
        assertThatThrownBy(() -> applications.saveStep(draft.id(), ApplicationStep.LIMITS_AND_CONSENT, tooLittle,
                "test")).isInstanceOf(ApplicationInputRefused.class);
        Application after = applications.find(draft.id()).orElseThrow();
        assertThat(after.steps()).containsExactly(ApplicationStep.ABOUT_YOU);
        assertThat(after.declared().annualCreditRepayments()).isNull();
        // Not complete: cannot be submitted.
        assertThatThrownBy(() -> applications.submit(draft.id(), null, "test"))
                .isInstanceOf(ApplicationInputRefused.class);
        // What was typed is given back to the form.
        assertThat(applications.savedValues(draft.id(), ApplicationStep.ABOUT_YOU, "test"))
                .containsEntry("nameKana", person.kana()).containsEntry("email", person.email());
    }

    @Test
    void aBureauFailureIsReferredNeverApprovedAndStaffClearItWithTheBureausAnswer() throws Exception {
        Application referred = verified(submitted(Person.fresh(), observation(), Scenario.FAILURE),
                SandboxVendorResults.Seen.PASS);
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(referred.decision().reasons()).containsExactly(RiskReason.SCREENING_REFERRED);
        assertThat(cards.issuedFor(referred.id())).isEmpty();

        var queued = applications.referrals(500).stream().filter(r -> r.application().id().equals(referred.id()))
                .findFirst().orElseThrow();
        assertThat(queued.screening().figures().bureauAnswered()).isFalse();
        assertThat(queued.identity().outcome()).hasToString("PASSED");
        assertThat(queued.device().known()).isTrue();

        Actor staff = new Actor("staff-reviewer", Set.of(Role.ANALYST), "test");
        // The bureau still does not answer for the screening made again: nothing can be granted yet.
        bureau.assign(referred.id() + ".2", Scenario.FAILURE);
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false, staff, null))
                .isInstanceOf(RequestProblem.class).hasMessageContaining("does not approve");
        assertThat(applications.find(referred.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        // It answers now: staff approve within what the screening grants, and the card is issued.
        bureau.assign(referred.id() + ".3", Scenario.CLEAN);
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true, new Limits(5_000_000, 0), false, staff,
                null)).isInstanceOf(RequestProblem.class).hasMessageContaining("above");
        Application issued = applications.decideReferral(referred.id(), true, new Limits(200_000, 0), false, staff,
                "収入証明を確認済み");
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().screeningId()).isEqualTo(referred.id() + ".3");
        assertThat(screenings.account(issued.issue().cardToken()).orElseThrow().limits())
                .isEqualTo(new Limits(200_000, 0));
        int staffMove = applications.evidence(issued.id()).orElseThrow().moves().stream()
                .filter(m -> m.party() == ApplicationParty.STAFF).findFirst().orElseThrow().version();
        assertThat(applications.staffNote(issued.id(), staffMove)).contains("収入証明を確認済み");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.referral.approve' "
                + "AND resource = ?").param("application/" + issued.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void someoneElsesFaceIsDeclinedWithoutAskingTheBureau() throws Exception {
        Application declined = verified(submitted(Person.fresh(), observation(), Scenario.CLEAN),
                SandboxVendorResults.Seen.FACE_MISMATCH);
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).containsExactly(RiskReason.IDENTITY_FAILED);
        assertThat(screenings.find(declined.id())).isEmpty();
        assertThat(cards.issuedFor(declined.id())).isEmpty();
        Actor staff = new Actor("staff-reviewer", Set.of(Role.ANALYST), "test");
        assertThatThrownBy(() -> applications.decideReferral(declined.id(), true, new Limits(100_000, 0), false, staff, null))
                .isInstanceOf(IllegalApplicationMove.class);
    }

    @Test
    void aSecondApplicationFromTheSameIdentityOrDeviceIsWeighedWeakAndTheDevicesThirdIsReferred() throws Exception {
        Person person = Person.fresh();
        String laptop = "laptop" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 26)
                .replaceAll("[0-9]", "q");
        String home = RemoteAddresses.fresh();
        String observation = observation(false, laptop, home);
        Application first = verified(submitted(person, observation, Scenario.CLEAN), SandboxVendorResults.Seen.PASS);
        assertThat(first.status()).isEqualTo(ApplicationStatus.ISSUED);
        // The same person again, from another device: one fact (their earlier application), weighed weak; referred
        // only because they hold a card from the first (a second card is staff's decision), not for fraud.
        Application second = verified(submitted(person, observation(), Scenario.CLEAN), SandboxVendorResults.Seen.PASS);
        assertThat(second.decision().reasons()).contains(RiskReason.DUPLICATE_IDENTITY, RiskReason.DUPLICATE_PHONE,
                RiskReason.DUPLICATE_EMAIL, RiskReason.SAME_PERSON_ACTIVE).doesNotContain(RiskReason.DUPLICATE_DEVICE);
        assertThat(second.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(ApplicationRiskPolicy.fraudScore(second.decision().reasons())).isLessThan(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.referring(second.decision().reasons())).noneMatch(RiskReason::fraudSignal)
                .contains(RiskReason.SAME_PERSON_ACTIVE);
        // Another person on the first one's device (a new observation of it: a reference serves one application):
        // a household's second application, recorded.
        Application thirdSubmitted = submitted(Person.fresh(), observation(false, laptop, home), Scenario.CLEAN);
        assertThat(thirdSubmitted.device().deviceId()).isEqualTo(first.device().deviceId());
        Application third = verified(thirdSubmitted, SandboxVendorResults.Seen.PASS);
        assertThat(third.decision().reasons()).contains(RiskReason.DUPLICATE_DEVICE)
                .doesNotContain(RiskReason.DUPLICATE_IDENTITY);
        assertThat(third.status()).isNotEqualTo(ApplicationStatus.REFERRED);
        // A third person on it: many applications from one device, a strong signal.
        Application fourth = verified(submitted(Person.fresh(), observation(false, laptop, home), Scenario.CLEAN),
                SandboxVendorResults.Seen.PASS);
        assertThat(fourth.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(ApplicationRiskPolicy.referring(fourth.decision().reasons()))
                .contains(RiskReason.DEVICE_MANY_APPLICATIONS, RiskReason.DUPLICATE_DEVICE);
    }

    @Test
    void aWeakSignalThatDidNotReferIsNotToldToTheApplicantAsAReason() throws Exception {
        Person person = Person.fresh();
        verified(submitted(person, observation(), Scenario.CLEAN), SandboxVendorResults.Seen.PASS);
        // The same person again, the face match uncertain: referred for the identity review, the duplicates
        // (one weak fact, under the cut) recorded for staff only.
        Application referred = verified(submitted(person, observation(), Scenario.CLEAN),
                SandboxVendorResults.Seen.BORDERLINE_FACE);
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(referred.decision().reasons()).contains(RiskReason.IDENTITY_REVIEW, RiskReason.DUPLICATE_IDENTITY,
                RiskReason.DUPLICATE_PHONE, RiskReason.DUPLICATE_EMAIL);
        assertThat(ApplicationRiskPolicy.referring(referred.decision().reasons())).contains(RiskReason.IDENTITY_REVIEW)
                .noneMatch(RiskReason::fraudSignal);
        List<String> told = context.getBean(ApplyPages.class).applicantReasons(referred, Optional.empty(),
                Locale.ENGLISH);
        assertThat(told).contains(
                        "Your identity: our staff will look at the photos of your identity document and of your face.")
                .doesNotContain("Your application's details.");
    }

    @Test
    void aBrowserDrivenByAScriptIsReferredForItsMarkers() throws Exception {
        Application referred = verified(submitted(Person.fresh(), observation(true), Scenario.CLEAN),
                SandboxVendorResults.Seen.PASS);
        assertThat(referred.device().markers()).contains(dev.anshin.devices.AutomationMarker.WEBDRIVER);
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(referred.decision().reasons()).contains(RiskReason.DEVICE_AUTOMATION);
        assertThat(cards.issuedFor(referred.id())).isEmpty();
    }

    @Test
    void aWebApplicationWithoutDeviceEvidenceIsReferred() throws Exception {
        Application referred = verified(submitted(Person.fresh(), null, Scenario.CLEAN), SandboxVendorResults.Seen.PASS);
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(referred.decision().reasons()).containsExactly(RiskReason.NO_DEVICE_EVIDENCE);
        // The screening approved: staff may grant up to its limits, and decline instead.
        Actor staff = new Actor("staff-reviewer", Set.of(Role.ANALYST), "test");
        Application declined = applications.decideReferral(referred.id(), false, null, false, staff, null);
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).containsExactly(RiskReason.NO_DEVICE_EVIDENCE,
                RiskReason.STAFF_DECISION);
    }

    @Test
    void aCrashBetweenTheCardAndTheRestOfIssuanceIsFinishedByRecoveryWithOneCard() throws Exception {
        // The process "dies" right after the card is made, until it is "restarted" (the hook removed).
        AtomicBoolean crashed = new AtomicBoolean();
        applications.afterCardIssued = () -> {
            crashed.set(true);
            throw new IllegalStateException("the process died here");
        };
        Application errored = verified(submitted(Person.fresh(), observation(), Scenario.CLEAN),
                SandboxVendorResults.Seen.PASS);
        assertThat(crashed).isTrue();
        assertThat(errored.status()).isEqualTo(ApplicationStatus.ERRORED);
        assertThat(errored.failure()).isEqualTo(new Application.Failure(Applications.ISSUE, 1));
        Card half = cards.issuedFor(errored.id()).orElseThrow();
        assertThat(screenings.account(half.token())).isEmpty(); // half-issued: the card, no account, no enrollment

        applications.afterCardIssued = () -> { };
        later(Duration.ofMinutes(1));
        applications.recover();
        Application issued = applications.find(errored.id()).orElseThrow();
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.issue().cardToken()).isEqualTo(half.token());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref = ?").param(errored.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(screenings.account(half.token())).isPresent();
        assertThat(applications.portalSetup(issued.id())).get().extracting(Applications.PortalSetup::status)
                .isEqualTo("PENDING");
        // Recovery again changes nothing.
        applications.recover();
        assertThat(applications.find(errored.id()).orElseThrow().version()).isEqualTo(issued.version());
    }

    @Test
    void anIssuanceFailingEveryTimeGoesToStaffAfterTheAttempts() throws Exception {
        applications.afterCardIssued = () -> {
            throw new IllegalStateException("always");
        };
        Application errored = verified(submitted(Person.fresh(), observation(), Scenario.CLEAN),
                SandboxVendorResults.Seen.PASS);
        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            applications.recover();
        }
        Application after = applications.find(errored.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref = ?").param(errored.id())
                .query(Long.class).single()).isEqualTo(1);
        // Not usable while staff decide (issued PENDING, activated only as issuance's last step).
        assertThat(cards.issuedFor(errored.id()).orElseThrow().status()).isEqualTo(Card.Status.PENDING);
    }

    @Test
    void aScreeningThatFailsTechnicallyIsRetriedAndThenGoesToStaff() throws Exception {
        Application submitted = submitted(Person.fresh(), observation(), Scenario.CLEAN);
        // The application id was screened before with other figures: the screening refuses it (a conflict, not
        // a business answer), so the application is ERRORED, never approved or declined on it.
        screenings.screen(new dev.anshin.screening.ScreeningRequest(submitted.id(), null,
                new dev.anshin.screening.ApplicantFigures(9_000_000, 1, dev.anshin.screening.Housing.NONE, 0, false),
                new Limits(100_000, 0), "someone-else"));
        Application errored = verified(submitted, SandboxVendorResults.Seen.PASS);
        assertThat(errored.status()).isEqualTo(ApplicationStatus.ERRORED);
        assertThat(errored.failure()).isEqualTo(new Application.Failure(Applications.SCREEN, 1));
        assertThat(errored.decision()).isNull();
        later(Duration.ofMinutes(1));
        applications.recover();
        assertThat(applications.find(submitted.id()).orElseThrow().failure().attempts()).isEqualTo(2);
        later(Duration.ofMinutes(1));
        applications.recover();
        later(Duration.ofMinutes(1));
        applications.recover();
        Application referred = applications.find(submitted.id()).orElseThrow();
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(applications.evidence(referred.id()).orElseThrow().moves()).extracting(Applications.Move::action)
                .containsSubsequence(ApplicationAction.FAIL, ApplicationAction.RETRY_SCREENING, ApplicationAction.FAIL,
                        ApplicationAction.RETRY_SCREENING, ApplicationAction.FAIL, ApplicationAction.REFER);
        assertThat(cards.issuedFor(referred.id())).isEmpty();
        // Staff approving it screen the application's own figures under a new id, never the other screening.
        Actor staff = new Actor("staff-reviewer", Set.of(Role.ANALYST), "test");
        bureau.assign(referred.id() + ".2", Scenario.CLEAN);
        Application issued = applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false, staff, null);
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().screeningId()).isEqualTo(referred.id() + ".2");
        assertThat(screenings.find(referred.id() + ".2").orElseThrow().figures().declared().annualIncome())
                .isEqualTo(5_000_000L);
    }

    @Test
    void whatTheApplicationHoldsOutsideTheVaultIsDisclosedAndErasedWithThePerson() {
        Application submitted = submitted(Person.fresh(), null, Scenario.CLEAN);
        Actor officer = new Actor("onboarding-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");
        var disclosure = personalData.disclose(officer, submitted.customerId());
        assertThat(disclosure.values()).containsEntry(dev.anshin.privacy.PersonalField.EMPLOYER, "安心商事株式会社");
        assertThat(disclosure.elsewhere()).filteredOn(d -> d.entry().equals(ApplicationPersonalData.FIGURES))
                .singleElement().satisfies(d -> {
                    assertThat(d.textEn()).contains(submitted.id()).contains("300,000 yen");
                    assertThat(d.textJa()).contains(submitted.id());
                });
        assertThat(disclosure.elsewhere()).filteredOn(d -> d.entry().equals(ApplicationPersonalData.RECORD))
                .singleElement().satisfies(d -> {
                    assertThat(d.values()).containsEntry("application", submitted.id())
                            .containsEntry("status", submitted.status().name());
                    assertThat(d.textEn()).contains(submitted.id());
                });
        // The eKYC module does not know whose application a verification was: onboarding discloses it.
        assertThat(disclosure.elsewhere()).filteredOn(d -> d.entry().equals(ApplicationPersonalData.VERIFICATIONS))
                .hasSize(submitted.identity().verificationId() == null ? 0 : 1)
                .allSatisfy(d -> assertThat(d.values()).containsEntry("application", submitted.id())
                        .containsEntry("verification", submitted.identity().verificationId()));

        personalData.erase(officer, submitted.customerId(), dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, "test");
        Application after = applications.find(submitted.id()).orElseThrow();
        assertThat(after.declared().annualCreditRepayments()).isNull();
        assertThat(after.declared().requested()).isNull();
        assertThat(after.keys().identity()).isNull();
        assertThat(after.keys().email()).isNull();
    }

    @Test
    void anErasedApplicantsScreeningKeepsOnlyTheRecordOfTheDecisionAndTheirVerificationOnlyItsReference()
            throws Exception {
        Application issued = verified(submitted(Person.fresh(), observation(), Scenario.CLEAN),
                SandboxVendorResults.Seen.PASS);
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        String verification = issued.identity().verificationId();
        var screened = screenings.find(issued.decision().screeningId()).orElseThrow();
        long income = screened.figures().declared().annualIncome();
        assertThat(income).isPositive();
        Actor officer = new Actor("onboarding-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

        personalData.erase(officer, issued.customerId(), dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, "test");

        // The decision's record stays (outcome, reasons, what was granted, when, by whom); no figure it rested on.
        var row = jdbc.sql("SELECT * FROM screening_decisions WHERE application_id = ?")
                .param(issued.decision().screeningId()).query().singleRow();
        assertThat(row.get("outcome")).isEqualTo("APPROVE");
        assertThat(row.get("figures_erased_at")).isNotNull();
        assertThat(((Number) row.get("granted_revolving")).longValue()).isEqualTo(screened.granted().revolving());
        for (String figure : List.of("annual_income", "household_size", "declared_repayments", "repayments_used",
                "living_costs", "payment_capacity", "max_revolving_limit", "cash_advance_ceiling", "existing_revolving",
                "existing_cash_advance", "cash_advance_room", "revolving_capacity", "requested_revolving",
                "requested_cash_advance", "allowed_revolving", "allowed_cash_advance")) {
            assertThat(((Number) row.get(figure)).longValue()).as(figure).isZero();
        }
        assertThat(row.get("housing")).isEqualTo("NONE");
        assertThat(row.get("income_proven")).isEqualTo(false);
        assertThat(row.get("bureau_repayments")).isNull();
        assertThat(row.get("bureau_other_cash")).isNull();
        assertThat(row.get("bureau_delinquent")).isNull();
        assertThat(screenings.find(issued.decision().screeningId())).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM screening_accounts WHERE application_id = ?")
                .param(issued.decision().screeningId()).query(Long.class).single()).isZero();

        // The verification keeps only the reference to the vendor's record.
        var identity = jdbc.sql("SELECT * FROM ekyc_verifications WHERE id = ?").param(verification).query().singleRow();
        assertThat(identity.get("outcome")).isEqualTo("PASSED");
        assertThat(identity.get("erased_at")).isNotNull();
        for (String value : List.of("reasons", "method", "face_match_score", "liveness_score", "document_type",
                "document_expired", "spoof_risk", "ocr_confidence")) {
            assertThat(identity.get(value)).as(value).isNull();
        }
        assertThat(identity.get("return_url")).isEqualTo("");
        assertThat(identity.get("language")).isEqualTo("");
        // The application keeps no device or vendor page of theirs either.
        var application = jdbc.sql("SELECT device_id, device_observation, device_markers, ekyc_continue_url "
                + "FROM applications WHERE id = ?").param(issued.id()).query().singleRow();
        assertThat(application.values()).containsOnlyNulls();
        // Erasing twice changes nothing more.
        assertThat(screenings.forgetDecisions(List.of(issued.decision().screeningId()), clock.instant())).isZero();
    }

    @Test
    void aVendorsResultForAnErasedApplicantsVerificationIsNotTakenIn() throws Exception {
        Application submitted = submitted(Person.fresh(), null, Scenario.CLEAN);
        String verification = applications.startIdentity(submitted.id()).identity().verificationId();
        personalData.erase(new Actor("onboarding-test-officer", Set.of(Role.PRIVACY_OFFICER), "test"),
                submitted.customerId(), dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, "test");

        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, verification, SandboxVendorResults.Seen.PASS))
                .isEqualTo(409);

        var identity = jdbc.sql("SELECT status, method, face_match_score, erased_at FROM ekyc_verifications WHERE id = ?")
                .param(verification).query().singleRow();
        assertThat(identity.get("status")).isEqualTo("STARTED");
        assertThat(identity.get("method")).isNull();
        assertThat(identity.get("face_match_score")).isNull();
        assertThat(identity.get("erased_at")).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ekyc_events WHERE verification_id = ?").param(verification)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDraftLeftUnfinishedIsAbandonedAndItsPersonalDataErased() {
        Application draft = applications.startDraft("ja").application();
        applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, Person.fresh().aboutYou(), "test");
        String customerId = applications.find(draft.id()).orElseThrow().customerId();
        assertThat(personalData.isActive(customerId)).isTrue();
        later(Duration.ofDays(8));
        applications.recover();
        assertThat(applications.find(draft.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.ABANDONED);
        assertThat(personalData.isActive(customerId)).isFalse();
    }

    @Test
    void aResumeTokenFindsItsDraftAndOnlyItsHashIsStored() {
        Applications.Started started = applications.startDraft("en");
        assertThat(applications.resume(started.resumeToken())).get().extracting(Application::id)
                .isEqualTo(started.application().id());
        assertThat(applications.resume(started.resumeToken() + "x")).isEmpty();
        assertThat(jdbc.sql("SELECT resume_hash FROM applications WHERE id = ?").param(started.application().id())
                .query(String.class).single()).isNotEqualTo(started.resumeToken()).hasSize(64);
        assertThat(started.toString()).doesNotContain(started.resumeToken());
    }

    // ---- the partner API ----

    @Test
    void aPartnerSubmitsIdempotentlyAndReadsOnlyItsOwnApplications() throws Exception {
        String reference = newId("partner-app");
        Map<String, Object> body = partnerBody(reference, Person.fresh());
        String first = postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.applicationId").value(reference))
                .andExpect(jsonPath("$.status").value("IDENTITY_PENDING"))
                .andExpect(jsonPath("$.continueUrl").value(org.hamcrest.Matchers.containsString("/sandbox/ekyc/")))
                .andReturn().getResponse().getContentAsString();
        String again = postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", body)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        Map<String, Object> other = partnerBody(reference, Person.fresh());
        postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", other).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/conflict"));

        mvc.perform(get("/api/v1/applications/" + reference).header("X-Api-Key", key(Role.APPLICATION_INTAKE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IDENTITY_PENDING"));
        mvc.perform(get("/api/v1/applications/" + reference).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());
        String otherClient = clients.register("other-partner", EnumSet.of(Role.APPLICATION_INTAKE));
        mvc.perform(get("/api/v1/applications/" + reference).header("X-Api-Key", otherClient))
                .andExpect(status().isNotFound());
        postAs(Role.SCORER, "/api/v1/applications", body).andExpect(status().isForbidden());

        // Through eKYC: the partner reads the outcome and a one-time link, never the card.
        Application application = applications.find(jdbc.sql("SELECT id FROM applications WHERE client_reference = ?")
                .param(reference).query(String.class).single()).orElseThrow();
        bureau.assign(application.id(), Scenario.CLEAN);
        Application done = verified(application, SandboxVendorResults.Seen.PASS);
        assertThat(done.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(done.decision().reasons()).containsExactly(RiskReason.PARTNER_WITHOUT_DEVICE);
        String read = mvc.perform(get("/api/v1/applications/" + reference)
                        .header("X-Api-Key", key(Role.APPLICATION_INTAKE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ISSUED"))
                .andExpect(jsonPath("$.outcome").value("APPROVE"))
                .andExpect(jsonPath("$.setupUrl").value(org.hamcrest.Matchers.containsString("/apply/resume/")))
                .andReturn().getResponse().getContentAsString();
        Card card = cards.find(done.issue().cardToken()).orElseThrow();
        assertThat(read).doesNotContain(card.last4() + "\"").doesNotContain(done.issue().cardToken());
        String token = json.readTree(read).get("setupUrl").asText().replaceAll(".*/apply/resume/", "");
        assertThat(applications.linkTarget(token)).get().extracting(Application::id).isEqualTo(done.id());
    }

    @Test
    void aPartnersReferredApplicationIsToldItsGroundsNotLimitNotes() throws Exception {
        Person person = Person.fresh();
        Application first = partnerVerified(newId("partner-app"), person, Scenario.CLEAN);
        assertThat(first.status()).isEqualTo(ApplicationStatus.ISSUED);
        // The same person again, their first card issued: referred; the bureau's repayments (a loan) are higher
        // than the 0 declared, a note on a limit the referral did not grant.
        String reference = newId("partner-app");
        Application second = partnerVerified(reference, person, Scenario.ORDINARY);
        assertThat(second.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(screenings.find(second.decision().screeningId()).orElseThrow().reasons())
                .contains(ReasonCode.BUREAU_REPAYMENTS_HIGHER);

        String read = mvc.perform(get("/api/v1/applications/" + reference)
                        .header("X-Api-Key", key(Role.APPLICATION_INTAKE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REFERRED"))
                .andReturn().getResponse().getContentAsString();
        List<String> codes = new ArrayList<>();
        json.readTree(read).get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        assertThat(codes).contains(RiskReason.SAME_PERSON_ACTIVE.name())
                .doesNotContain("SCREENING_BUREAU_REPAYMENTS_HIGHER", "SCREENING_REVOLVING_REDUCED");
        // The same texts the applicant's page gives.
        List<String> texts = new ArrayList<>();
        json.readTree(read).get("reasons").forEach(reason -> texts.add(reason.get("text").asText()));
        assertThat(texts).containsExactlyInAnyOrderElementsOf(context.getBean(ApplyPages.class)
                .applicantReasons(second, screenings.find(second.decision().screeningId()), Locale.ENGLISH));
    }

    /** A partner's application for {@code person}, through eKYC (passed) and screening on {@code scenario}. */
    private Application partnerVerified(String reference, Person person, Scenario scenario) throws Exception {
        postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", partnerBody(reference, person))
                .andExpect(status().isCreated());
        Application application = applications.find(jdbc.sql("SELECT id FROM applications WHERE client_reference = ?")
                .param(reference).query(String.class).single()).orElseThrow();
        bureau.assign(application.id(), scenario);
        return verified(application, SandboxVendorResults.Seen.PASS);
    }

    @Test
    void hostilePartnerBodiesAreAnsweredCleanlyAndStoreNothing() {
        dev.anshin.HostileJson.assertAnsweredCleanly(mvc, 20, () -> partnerBody(newId("partner-fuzz"), Person.fresh()),
                text -> post("/api/v1/applications").header("X-Api-Key", key(Role.APPLICATION_INTAKE))
                        .contentType(MediaType.APPLICATION_JSON).content(text),
                body -> jdbc.sql("SELECT COUNT(*) FROM applications WHERE channel = 'PARTNER'").query(Long.class)
                        .single());
    }

    @Test
    void aPartnersImpossibleValuesAreFieldProblemsAndNothingIsStored() throws Exception {
        String reference = newId("partner-bad");
        Map<String, Object> body = partnerBody(reference, Person.fresh());
        @SuppressWarnings("unchecked")
        Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        applicant.put("annualIncome", -1);
        applicant.put("householdSize", 0);
        applicant.put("dateOfBirth", "2099-01-01");
        body.put("consentToScreening", false);
        postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "applicant.dateOfBirth", "applicant.annualIncome", "applicant.householdSize",
                        "consentToScreening")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM applications WHERE client_reference = ?").param(reference)
                .query(Long.class).single()).isZero();
        // Strict: an unknown field, and a string where an integer is meant, are refused too.
        Map<String, Object> unknown = partnerBody(newId("partner-bad"), Person.fresh());
        unknown.put("creditScore", 900);
        postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", unknown).andExpect(status().is4xxClientError());
        @SuppressWarnings("unchecked")
        Map<String, Object> coerced = partnerBody(newId("partner-bad"), Person.fresh());
        ((Map<String, Object>) coerced.get("applicant")).put("annualIncome", "5000000");
        postAs(Role.APPLICATION_INTAKE, "/api/v1/applications", coerced).andExpect(status().isUnprocessableContent());
    }
}
