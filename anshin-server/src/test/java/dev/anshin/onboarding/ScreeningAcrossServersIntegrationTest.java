package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.devices.Devices;
import dev.anshin.ekyc.SandboxVendorResults;
import dev.anshin.portal.PortalAccounts;
import dev.anshin.privacy.Actor;
import dev.anshin.problems.ProblemType;
import dev.anshin.screening.SandboxCreditBureau;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import dev.anshin.screening.Limits;
import dev.anshin.screening.ScreeningDecision;
import dev.anshin.screening.Screenings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deciding an application across servers (the review of onboarding's screening and recovery): the credit
 * bureau is asked once per application when two servers decide it at the same moment (one is this server's
 * eKYC listener, the other {@link Applications#progressNow}, which skips this server's lock as another server
 * would), and once by the recovery job after a server died holding the claim; the automatic screening counts
 * the person's applications that may yet be issued, and two of them decided at once are decided one after the
 * other; a declined application's card closing that failed is finished by the recovery job, audited once.
 * On the real modules (vault, devices, sandbox eKYC and bureau, cards, portal); H2 and PostgreSQL.
 */
class ScreeningAcrossServersIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Applications applications;

    @Autowired
    ApplicationStore store;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    Screenings screenings;

    @Autowired
    Devices devices;

    @Autowired
    PortalAccounts portal;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private ReferredApplications made;
    private Duration moved = Duration.ZERO;
    private final CountDownLatch go = new CountDownLatch(1);
    private final Actor staff = new Actor("staff-decliner", Set.of(Role.ANALYST), "test");

    @BeforeEach
    void fixtures() {
        made = new ReferredApplications(context, mvc, clock);
    }

    @AfterEach
    void giveBack() {
        go.countDown();
        applications.whileDeciding = id -> { };
        applications.beforeCardActivated = () -> { };
        applications.beforeCardClosed = () -> { };
        applications.afterCardClosed = () -> { };
        clock.advance(moved.negated());
        moved = Duration.ZERO;
    }

    private void later(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    // ---- one inquiry per application ----

    @Test
    void theBureauIsAskedOnceWhenTwoServersDecideTheSameApplicationAtOnce() throws Exception {
        Person person = Person.fresh();
        Application submitted = submitted(person, null);
        CountDownLatch claimed = holdWhileDeciding(submitted.id());

        // Server 1: the eKYC conclusion, taken on by the listener, claims the decision and waits there.
        conclude(submitted);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).as("server 1 holds the claim").isTrue();

        // Server 2: the applicant back from the vendor at the same moment. It finds the claim held: the
        // application as it stands, and no inquiry.
        Application second = applications.progressNow(submitted.id(), ApplicationParty.SYSTEM);
        assertThat(second.status()).isEqualTo(ApplicationStatus.SCREENING);
        assertThat(bureau.inquiries(submitted.id())).isZero();

        go.countDown();
        Application decided = settled(submitted.id());
        assertThat(decided.status()).isEqualTo(ApplicationStatus.REFERRED); // no device evidence: staff decide
        assertThat(decided.decision().screeningId()).isEqualTo(submitted.id());
        assertThat(bureau.inquiries(submitted.id())).isEqualTo(1);
        // Anyone taking it on later finds it decided (this server's lock: after the listener gave its claims back).
        applications.progress(submitted.id());
        assertThat(bureau.inquiries(submitted.id())).isEqualTo(1);
        assertThat(claimsOf(decided)).isZero();
    }

    @Test
    void aStaffApprovalWaitsForAnotherServerDecidingThePerson() throws Exception {
        Application referred = made.withoutDevice("承認待ち");
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        Actor officer = new Actor("officer-" + UUID.randomUUID().toString().substring(0, 8),
                Set.of(Role.CREDIT_OFFICER), "test");
        // Another server is deciding one of the person's applications (it holds the person's claims): the approval,
        // which screens again, is refused for now rather than ask the bureau beside it.
        String other = "other-" + UUID.randomUUID().toString().substring(7);
        List<String> claims = applications.decidingClaims(referred);
        for (String key : claims) {
            assertThat(store.claim(key, other, clock.instant(), clock.instant().plus(applications.decidingLease())))
                    .isTrue();
        }
        Limits limits = applications.approvableLimits(referred.id()).orElseThrow();
        // It waits a moment for the holder, which does not finish: being decided elsewhere, not a refusal.
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true,
                        new Limits(Math.min(100_000, limits.revolving()), 0), true, officer, null))
                .isInstanceOfSatisfying(ApplicationBeingDecided.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(applications.find(referred.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(bureau.inquiries(referred.id() + ".2")).isZero();

        // Given back: the approval goes through, and gives its own claims back.
        store.release(claims, other);
        Application approved = applications.decideReferral(referred.id(), true,
                new Limits(Math.min(100_000, limits.revolving()), 0), true, officer, null);
        assertThat(approved.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application_decision_claims WHERE claim_key = ?")
                .param("application:" + referred.id()).query(Long.class).single()).isZero();
    }

    @Test
    void anApprovalSentTwiceWhileTheFirstIsDecidingIsAnsweredByTheFirst() throws Exception {
        Application referred = made.withoutDevice("二重承認");
        Actor officer = new Actor("officer-" + UUID.randomUUID().toString().substring(0, 8),
                Set.of(Role.CREDIT_OFFICER), "test");
        Limits limits = applications.approvableLimits(referred.id()).orElseThrow();
        Limits granted = new Limits(Math.min(100_000, limits.revolving()), 0);
        CountDownLatch claimed = holdWhileDeciding(referred.id());
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            // The first click holds the claims, deciding; the second arrives meanwhile and waits for it.
            Future<Application> first = clicks.submit(() -> applications.decideReferral(referred.id(), true, granted,
                    true, officer, null));
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Application> second = clicks.submit(() -> applications.decideReferral(referred.id(), true, granted,
                    true, officer, null));
            go.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(ApplicationStatus.ISSUED);
            // Refused as decided (which the page answers as done for the same officer's same decision), never
            // as a screening that grants nothing.
            assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IllegalApplicationMove.class);
        } finally {
            clicks.shutdownNow();
        }
        // Approved on its own approving screening, or screened again once: never twice.
        assertThat(bureau.inquiries(referred.id() + ".2")).isLessThanOrEqualTo(1);
        assertThat(bureau.inquiries(referred.id() + ".3")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cards WHERE application_ref = ?").param(referred.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.referral.approve' "
                + "AND resource = ?").param("application/" + referred.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aClaimLeftByAServerThatDiedRunsOutAndTheRecoveryJobAsksTheBureauOnce() throws Exception {
        Person person = Person.fresh();
        Application pending = applications.startIdentity(submitted(person, null).id());
        // A server claimed the decision and died before asking the bureau: its claim is never given back.
        String dead = "dead-" + UUID.randomUUID().toString().substring(5);
        for (String key : applications.decidingClaims(pending)) {
            assertThat(store.claim(key, dead, clock.instant(), clock.instant().plus(applications.decidingLease())))
                    .isTrue();
        }

        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(),
                SandboxVendorResults.Seen.PASS)).isEqualTo(200);
        // The listener and the applicant's return both find the claim held (this one waits for the listener).
        Application waiting = applications.progress(pending.id());
        assertThat(waiting.status()).isEqualTo(ApplicationStatus.SCREENING);
        applications.recover();
        assertThat(applications.find(pending.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.SCREENING);
        assertThat(bureau.inquiries(pending.id())).isZero();

        // Once the claim ran out, the recovery job decides it, asking the bureau once.
        later(applications.decidingLease().plusMinutes(1));
        applications.recover();
        Application decided = settled(pending.id());
        assertThat(decided.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(screenings.find(pending.id())).isPresent();
        assertThat(bureau.inquiries(pending.id())).isEqualTo(1);
        applications.recover();
        assertThat(bureau.inquiries(pending.id())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application_decision_claims WHERE claimant = ?").param(dead)
                .query(Long.class).single()).isZero();
    }

    // ---- what the person holds elsewhere ----

    @Test
    void anAutomaticScreeningCountsTheLimitsOfTheSamePersonsApplicationThatMayYetBeIssued() throws Exception {
        Person person = Person.fresh();
        // The first application is approved, and its issuance fails: ERRORED, its limits granted, no card yet.
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        Application first = settled(conclude(submitted(person, observation())).id());
        assertThat(first.status()).isEqualTo(ApplicationStatus.ERRORED);
        assertThat(first.decision().granted().revolving()).isPositive();

        Application second = settled(conclude(submitted(person, observation())).id());
        ScreeningDecision screening = screenings.find(second.id()).orElseThrow();
        // Counted as an ISSUED card's would be: the law's ceilings over both.
        assertThat(screening.figures().existing()).isEqualTo(first.decision().granted());
    }

    @Test
    void twoApplicationsOfOnePersonDecidedAtOnceAreDecidedOneAfterTheOther() throws Exception {
        Person person = Person.fresh();
        Application first = submitted(person, null);
        Application second = submitted(person, null);
        CountDownLatch claimed = holdWhileDeciding(first.id());
        conclude(first);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).as("server 1 holds the claim on the person").isTrue();

        // Server 2 takes the person's other application on meanwhile: the person's claim is held, so it waits
        // (SCREENING), with no inquiry and nothing counted wrongly.
        Application pending = applications.startIdentity(second.id());
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(),
                SandboxVendorResults.Seen.PASS)).isEqualTo(200);
        assertThat(applications.progressNow(second.id(), ApplicationParty.SYSTEM).status())
                .isEqualTo(ApplicationStatus.SCREENING);
        assertThat(bureau.inquiries(second.id())).isZero();

        go.countDown();
        Application firstDecided = settled(first.id());
        Application secondDecided = settled(second.id());
        assertThat(firstDecided.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(secondDecided.status()).isEqualTo(ApplicationStatus.REFERRED);
        // The second screening counted the first's approving one (a referral staff may yet approve).
        ScreeningDecision firstScreening = screenings.find(first.id()).orElseThrow();
        assertThat(screenings.find(second.id()).orElseThrow().figures().existing())
                .isEqualTo(firstScreening.granted());
        assertThat(bureau.inquiries(first.id())).isEqualTo(1);
        assertThat(bureau.inquiries(second.id())).isEqualTo(1);
    }

    // ---- a declined application's card ----

    @Test
    void aDeclinedApplicationsCardWhoseClosingFailedIsClosedByTheRecoveryJobAuditedOnce() throws Exception {
        Application referred = referredWithAHalfIssuedCard();
        applications.beforeCardClosed = () -> {
            throw new IllegalStateException("the card store did not answer");
        };
        Application declined = applications.decideReferral(referred.id(), false, null, false, staff, null);
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.PENDING);
        assertThat(enrollmentOf(referred)).isEqualTo("PENDING");
        assertThat(store.tidied(referred.id())).isFalse();

        applications.beforeCardClosed = () -> { };
        later(Duration.ofMinutes(1));
        applications.recover();
        assertTidied(referred, card);
        applications.recover();
        assertThat(closeAudits(referred)).isEqualTo(1);
    }

    @Test
    void aClosingThatFailedAfterTheCardWasClosedIsFinishedByTheRecoveryJob() throws Exception {
        Application referred = referredWithAHalfIssuedCard();
        applications.afterCardClosed = () -> {
            throw new IllegalStateException("the connection dropped");
        };
        applications.decideReferral(referred.id(), false, null, false, staff, null);
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.CLOSED);
        // Closed, but the enrollment's code would still open a portal account, and the device stays linked.
        assertThat(enrollmentOf(referred)).isEqualTo("PENDING");
        assertThat(devices.devicesOf(referred.customerId())).contains(referred.device().deviceId());

        applications.afterCardClosed = () -> { };
        later(Duration.ofMinutes(1));
        applications.recover();
        assertTidied(referred, card);
    }

    @Test
    void aCardClosedBeforeTidyingWasRecordedIsNotAuditedAgainByTheRecoveryJob() throws Exception {
        Application referred = referredWithAHalfIssuedCard();
        applications.decideReferral(referred.id(), false, null, false, staff, null);
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        assertTidied(referred, card);
        // Declined before V44 recorded the tidying: closed and audited then, with no mark.
        jdbc.sql("UPDATE applications SET tidied_at = NULL WHERE id = ?").param(referred.id()).update();

        later(Duration.ofMinutes(1));
        applications.recover();
        assertTidied(referred, card);
        assertThat(closeAudits(referred)).isEqualTo(1);
    }

    private void assertTidied(Application referred, Card card) {
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.CLOSED);
        assertThat(screenings.account(card.token())).isEmpty();
        assertThat(enrollmentOf(referred)).isEqualTo("REVOKED");
        assertThat(devices.devicesOf(referred.customerId())).doesNotContain(referred.device().deviceId());
        assertThat(store.tidied(referred.id())).isTrue();
        assertThat(closeAudits(referred)).isEqualTo(1);
    }

    /** An application whose issuance failed late every time (card PENDING, enrollment and device link made), with staff. */
    private Application referredWithAHalfIssuedCard() throws Exception {
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        Application errored = made.clean("閉鎖失敗");
        assertThat(errored.status()).isEqualTo(ApplicationStatus.ERRORED);
        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            applications.recover();
        }
        applications.beforeCardActivated = () -> { };
        Application referred = applications.find(errored.id()).orElseThrow();
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(devices.devicesOf(referred.customerId())).contains(referred.device().deviceId());
        assertThat(enrollmentOf(referred)).isEqualTo("PENDING");
        return referred;
    }

    private String enrollmentOf(Application application) {
        return portal.enroll(application.customerId(), "onboarding:" + application.id(), "test").status();
    }

    private long closeAudits(Application application) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.card.close' AND resource = ?")
                .param("application/" + application.id()).query(Long.class).single();
    }

    private long claimsOf(Application application) {
        return jdbc.sql("SELECT COUNT(*) FROM application_decision_claims WHERE claim_key IN (:keys)")
                .param("keys", applications.decidingClaims(application)).query(Long.class).single();
    }

    // ---- fixtures ----

    /** Holds the server deciding {@code applicationId} once it claimed the decision, until {@link #go}. */
    private CountDownLatch holdWhileDeciding(String applicationId) {
        CountDownLatch claimed = new CountDownLatch(1);
        applications.whileDeciding = id -> {
            if (id.equals(applicationId)) {
                claimed.countDown();
                try {
                    go.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return claimed;
    }

    /** The identity check started and passed: the eKYC listener takes the application on in the background. */
    private Application conclude(Application submitted) throws Exception {
        Application pending = applications.startIdentity(submitted.id());
        assertThat(SandboxVendorResults.deliver(mvc, json, context, clock, pending.identity().verificationId(),
                SandboxVendorResults.Seen.PASS)).isEqualTo(200);
        return pending;
    }

    /** The application once nobody is taking it on any more (the listener, or this test's other server). */
    private Application settled(String applicationId) throws InterruptedException {
        Application application = applications.find(applicationId).orElseThrow();
        for (int i = 0; i < 400 && Set.of(ApplicationStatus.IDENTITY_PENDING, ApplicationStatus.SCREENING,
                ApplicationStatus.APPROVED).contains(application.status()); i++) {
            Thread.sleep(50);
            application = applications.find(applicationId).orElseThrow();
        }
        return application;
    }

    /** A person no other test shares. */
    private record Person(String kana, String phone, String email, String birthDate) {
        static Person fresh() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder kana = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                kana.append((char) ('ア' + random.nextInt(40)));
            }
            String digits = String.format("%08d", random.nextInt(100_000_000));
            return new Person(kana + "　ジロウ", "070-" + digits.substring(0, 4) + "-" + digits.substring(4),
                    "s" + digits + "@example.jp", "19" + (60 + random.nextInt(35)) + "-0" + (1 + random.nextInt(9))
                    + "-1" + random.nextInt(10));
        }
    }

    /** A submitted web application of the person (with the device observation, or none), the bureau clean. */
    private Application submitted(Person person, String observation) {
        Application draft = applications.startDraft("ja").application();
        bureau.assign(draft.id(), Scenario.CLEAN);
        applications.saveStep(draft.id(), ApplicationStep.ABOUT_YOU, new HashMap<>(Map.of("nameKanji", "審査次郎",
                "nameKana", person.kana(), "dateOfBirth", person.birthDate(), "address", "東京都千代田区丸の内1-1-1",
                "phone", person.phone(), "email", person.email())), "test");
        applications.saveStep(draft.id(), ApplicationStep.WORK_AND_MONEY, new HashMap<>(Map.of("employer",
                "安心商事株式会社", "annualIncome", "5000000", "householdSize", "2", "housing", "RENTED",
                "annualCreditRepayments", "0")), "test");
        applications.saveStep(draft.id(), ApplicationStep.LIMITS_AND_CONSENT, new HashMap<>(Map.of(
                "requestedRevolving", "300000", "requestedCashAdvance", "0", "consent", "true")), "test");
        return applications.submit(draft.id(), observation, "test");
    }

    /** A new laptop of its own in Japan, observed by the collector endpoint. */
    private String observation() throws Exception {
        String individual = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 26)
                .replaceAll("[0-9]", "q");
        String hex = Integer.toHexString(individual.hashCode());
        Map<String, Object> browser = new LinkedHashMap<>();
        browser.put("browserJavaEnabled", false);
        browser.put("browserJavascriptEnabled", true);
        browser.put("browserLanguage", "ja-JP");
        browser.put("browserColorDepth", 24);
        browser.put("browserScreenHeight", 1080);
        browser.put("browserScreenWidth", 1920);
        browser.put("browserTZ", -540);
        browser.put("browserUserAgent", CHROME);
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("canvas", "c2" + hex);
        signals.put("webglVendor", "Google Inc. (Intel)");
        signals.put("webglRenderer", "ANGLE (Intel, Arc Graphics " + individual + ")");
        signals.put("audio", "a2" + hex);
        signals.put("fonts", new ArrayList<>(List.of("Arial", "Meiryo", "Font " + individual)));
        signals.put("timezone", "Asia/Tokyo");
        signals.put("languages", new ArrayList<>(List.of("ja-JP", "ja")));
        signals.put("platform", "Win32");
        signals.put("hardwareConcurrency", 8);
        signals.put("webdriver", false);
        signals.put("plugins", 5);
        signals.put("outerWidth", 1920);
        signals.put("outerHeight", 1040);
        String answer = mvc.perform(post("/device/observations").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("browser", browser, "signals", signals)))
                        .header("User-Agent", CHROME).header("Accept-Language", "ja,en;q=0.8")
                        .with(RemoteAddresses.from(RemoteAddresses.fresh())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("observation").asText();
    }

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/132.0.0.0 Safari/537.36";
}
