package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.screening.Limits;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import dev.anshin.screening.Screenings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approval and issuance after the review of issue 15: no usable card on an application that is not ISSUED
 * (PENDING until issuance's last step, back to PENDING when issuance goes to staff, CLOSED on a decline), no
 * approval without a PASSED identity, no bureau inquiry before it, a referral whose identity then fails
 * declined, earlier cards' limits counted, the proof of income confirmed explicitly, a card shown once it
 * was read. On the real modules (vault, devices, sandbox eKYC and bureau, cards, portal).
 */
class ApprovalIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Applications applications;

    @Autowired
    Screenings screenings;

    @Autowired
    EkycVerifications ekyc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    @Autowired
    dev.anshin.portal.PortalAccounts portal;

    @Autowired
    dev.anshin.devices.Devices devices;

    private ReferredApplications made;
    private Duration moved = Duration.ZERO;
    private final Actor staff = new Actor("staff-approver", Set.of(Role.ANALYST), "test");

    @BeforeEach
    void fixtures() {
        made = new ReferredApplications(context, mvc, clock);
    }

    @AfterEach
    void giveTheClockBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
        applications.afterCardIssued = () -> { };
        applications.beforeCardActivated = () -> { };
        applications.beforeReferringAfterErrors = () -> { };
    }

    private void later(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    private void declinedAtTheTill(String cardToken) throws Exception {
        postAuthorization(authorization(newId("auth"), cardToken)).andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("DECLINE"));
    }

    /** An application whose issuance fails late every time (account recorded, card not activated) until staff have it. */
    private Application lateIssuanceFailureWithStaff() throws Exception {
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        Application errored = made.clean("発行失敗");
        assertThat(errored.status()).isEqualTo(ApplicationStatus.ERRORED);
        Card half = cards.issuedFor(errored.id()).orElseThrow();
        assertThat(half.status()).isEqualTo(Card.Status.PENDING);
        declinedAtTheTill(half.token());
        assertThat(screenings.account(half.token())).isPresent();
        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            applications.recover();
        }
        Application referred = applications.find(errored.id()).orElseThrow();
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        return referred;
    }

    @Test
    void anIssuanceThatNeverFinishesLeavesNoUsableCardAndStaffMayApproveLowerLimits() throws Exception {
        Application referred = lateIssuanceFailureWithStaff();
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.PENDING);
        declinedAtTheTill(card.token());
        // The account recorded on the first approval is withdrawn: staff may grant other limits.
        assertThat(screenings.account(card.token())).isEmpty();
        assertThatThrownBy(() -> cards.changeStatus(card.token(), Card.Status.ACTIVE))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));

        applications.beforeCardActivated = () -> { };
        Application issued = applications.decideReferral(referred.id(), true, new Limits(200_000, 0), false, staff,
                "発行をやり直す");
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.issue().cardToken()).isEqualTo(card.token());
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.ACTIVE);
        assertThat(screenings.account(card.token()).orElseThrow().limits()).isEqualTo(new Limits(200_000, 0));
        postAuthorization(authorization(newId("auth"), card.token())).andExpect(status().isOk());
    }

    @Test
    void aPendingCardCanBeNeitherBlockedNorUnblockedAndErasureClosesIt() throws Exception {
        Application referred = lateIssuanceFailureWithStaff();
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.PENDING);
        // Blocked then unblocked, a card that was never issued would become usable: blocking it is refused.
        assertThatThrownBy(() -> cards.changeStatus(card.token(), Card.Status.BLOCKED))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(cards.blockAll(List.of(card.token()))).isZero();
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.PENDING);
        assertThatThrownBy(() -> cards.changeStatus(card.token(), Card.Status.ACTIVE))
                .isInstanceOf(RequestProblem.class);
        declinedAtTheTill(card.token());

        // The erased customer's pending card is closed for good, not blocked (which could be unblocked).
        personalData.erase(new Actor("approval-test-officer", Set.of(Role.PRIVACY_OFFICER), "test"),
                referred.customerId(), ErasureReason.PERSON_REQUESTED, "test");
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.CLOSED);
        assertThatThrownBy(() -> cards.changeStatus(card.token(), Card.Status.ACTIVE))
                .isInstanceOf(RequestProblem.class);
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.CLOSED);
    }

    @Test
    void aRecoveryReadingAStaleErroredApplicationLeavesTheCardIssuedMeanwhileAlone() throws Exception {
        Application[] errored = new Application[1];
        // Another instance's recovery, between this one's read and its move: it refers the application, and
        // staff approve it, issued with an active card, before this instance goes on with what it read.
        applications.beforeReferringAfterErrors = () -> {
            applications.beforeReferringAfterErrors = () -> { };
            applications.beforeCardActivated = () -> { };
            later(Duration.ofMinutes(1));
            applications.recover();
            assertThat(applications.find(errored[0].id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
            Application issued = applications.decideReferral(errored[0].id(), true, new Limits(200_000, 0), false,
                    staff, "発行をやり直す");
            assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        };
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        errored[0] = made.clean("二重回復");
        assertThat(errored[0].status()).isEqualTo(ApplicationStatus.ERRORED);
        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            applications.recover();
        }
        Application after = applications.find(errored[0].id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ApplicationStatus.ISSUED);
        Card card = cards.issuedFor(after.id()).orElseThrow();
        assertThat(card.status()).isEqualTo(Card.Status.ACTIVE);
        assertThat(screenings.account(card.token()).orElseThrow().limits()).isEqualTo(new Limits(200_000, 0));
        postAuthorization(authorization(newId("auth"), card.token())).andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value(org.hamcrest.Matchers.not("DECLINE")));
    }

    @Test
    void approvingASecondReferralOfThePersonCountsTheCardApprovedMeanwhile() throws Exception {
        // The first application errs to staff (no card held yet), then the same person applies again: screened
        // counting the first's approving screening (staff may yet approve it), and referred (without device
        // evidence: the same person's second application alone is a weak signal that does not refer).
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        List<Application> both = made.samePersonTwice("総量規制", () -> {
            for (int i = 0; i < 3; i++) {
                later(Duration.ofMinutes(1));
                applications.recover();
            }
        }, false);
        applications.beforeCardActivated = () -> { };
        Application first = applications.find(both.get(0).id()).orElseThrow();
        Application second = both.get(1);
        assertThat(first.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(second.status()).isEqualTo(ApplicationStatus.REFERRED);
        Limits firstScreened = screenings.find(first.id()).orElseThrow().granted();
        assertThat(screenings.find(second.id()).orElseThrow().figures().existing()).isEqualTo(firstScreened);

        // Approving the first while the second may yet be approved: the second's approving screening counts.
        Limits secondScreened = screenings.find(second.id()).orElseThrow().granted();
        made.bureauAnswers(first.id() + ".2", Scenario.CLEAN);
        Limits firstGranted = new Limits(100_000, 0);
        Application firstIssued = applications.decideReferral(first.id(), true, firstGranted, false, staff, null);
        assertThat(firstIssued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(firstIssued.decision().screeningId()).isEqualTo(first.id() + ".2");
        assertThat(screenings.find(first.id() + ".2").orElseThrow().figures().existing()).isEqualTo(secondScreened);

        // Approving the second now: its own screening counted the first's approving screening, at least what the
        // first was granted: the approval rests on it, with no second inquiry, within what it allows.
        Limits ceiling = applications.approvableLimits(second.id()).orElseThrow();
        Application issued;
        try {
            issued = applications.decideReferral(second.id(), true, new Limits(Math.min(ceiling.revolving(), 100_000),
                    0), false, staff, null);
        } catch (RequestProblem refused) {
            throw new AssertionError("refused: " + refused.getMessage(), refused);
        }
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().screeningId()).isEqualTo(second.id());
        assertThat(screenings.find(second.id() + ".2")).isEmpty();
        var own = screenings.find(second.id()).orElseThrow();
        assertThat(own.figures().existing().revolving()).isGreaterThanOrEqualTo(firstGranted.revolving());
        assertThat(applications.approvableLimits(second.id()).orElseThrow().revolving())
                .isLessThanOrEqualTo(own.figures().revolvingCapacity());
    }

    @Test
    void aDeclinedApplicationsCardIsClosedForGood() throws Exception {
        Application referred = lateIssuanceFailureWithStaff();
        Card card = cards.issuedFor(referred.id()).orElseThrow();
        // The unfinished issuance enrolled the applicant in the portal and linked their device.
        assertThat(referred.device().deviceId()).isNotNull();
        assertThat(devices.devicesOf(referred.customerId())).contains(referred.device().deviceId());
        assertThat(portal.enroll(referred.customerId(), "onboarding:" + referred.id(), "test").status())
                .isEqualTo("PENDING");
        Application declined = applications.decideReferral(referred.id(), false, null, false, staff, null);
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        // Declined: no portal enrollment left to activate, no device linked to a customer who is none.
        assertThat(portal.enroll(referred.customerId(), "onboarding:" + referred.id(), "test").status())
                .isEqualTo("REVOKED");
        assertThat(devices.devicesOf(referred.customerId())).doesNotContain(referred.device().deviceId());
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.CLOSED);
        assertThat(screenings.account(card.token())).isEmpty();
        declinedAtTheTill(card.token());
        assertThatThrownBy(() -> cards.changeStatus(card.token(), Card.Status.ACTIVE))
                .isInstanceOf(RequestProblem.class);
        assertThat(cards.find(card.token()).orElseThrow().status()).isEqualTo(Card.Status.CLOSED);
    }

    @Test
    void anIdentityInReviewIsNeitherScreenedNorApprovedAndItsRejectionDeclines() throws Exception {
        Application referred = made.borderlineFace("審査中");
        assertThat(referred.decision().reasons()).contains(RiskReason.IDENTITY_REVIEW);
        // No credit inquiry about a person whose identity is not verified.
        assertThat(screenings.find(referred.id())).isEmpty();
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false, staff,
                null)).isInstanceOfSatisfying(RequestProblem.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.CONFLICT);
                    assertThat(p.getMessage()).contains("identity");
                });
        assertThat(applications.find(referred.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(cards.issuedFor(referred.id())).isEmpty();

        // The eKYC reviewer rejects the face: the application is declined by itself (the eKYC event).
        ekyc.decideReview(referred.identity().verificationId(), false, "ekyc-reviewer", "test");
        Application declined = referred;
        for (int i = 0; i < 100 && declined.status() == ApplicationStatus.REFERRED; i++) {
            Thread.sleep(50);
            declined = applications.find(referred.id()).orElseThrow();
        }
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).contains(RiskReason.IDENTITY_FAILED)
                .doesNotContain(RiskReason.IDENTITY_REVIEW);
        assertThat(screenings.find(referred.id())).isEmpty();
        assertThat(cards.issuedFor(referred.id())).isEmpty();
    }

    @Test
    void anIdentityPassedInReviewIsScreenedWhenStaffApprove() throws Exception {
        Application referred = made.borderlineFace("審査後承認");
        ekyc.decideReview(referred.identity().verificationId(), true, "ekyc-reviewer", "test");
        assertThat(ekyc.find(referred.identity().verificationId()).orElseThrow().outcome())
                .isEqualTo(EkycOutcome.PASSED);
        Thread.sleep(200); // the event's listener finds nothing to do: still with staff
        assertThat(applications.find(referred.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        Application issued = applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false, staff,
                null);
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(issued.decision().screeningId()).isEqualTo(referred.id());
        assertThat(cards.find(issued.issue().cardToken()).orElseThrow().status()).isEqualTo(Card.Status.ACTIVE);
    }

    @Test
    void anApplicationReferredAfterErrorsIsJudgedByThePolicyBeforeApproval() throws Exception {
        // Screened before with other figures: the screening refuses the id, the application errs to staff.
        Application errored = made.screenedBeforeWithOtherFigures("エラー後");
        for (int i = 0; i < 3; i++) {
            later(Duration.ofMinutes(1));
            applications.recover();
        }
        Application referred = applications.find(errored.id()).orElseThrow();
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(referred.decision()).isNull();
        made.bureauAnswers(referred.id() + ".2", Scenario.CLEAN);
        Application issued = applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false, staff,
                null);
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        // The policy ran on the evidence: the form came without device evidence, which staff approve knowingly.
        assertThat(issued.decision().reasons()).containsExactly(RiskReason.NO_DEVICE_EVIDENCE,
                RiskReason.STAFF_DECISION);
    }

    @Test
    void theLimitsOfAnEarlierCardCountInTheScreeningWithoutATimeWindow() throws Exception {
        List<Application> both = made.samePersonTwice("二枚目", () -> later(Duration.ofDays(40)));
        Application first = both.get(0);
        Application second = both.get(1);
        assertThat(first.status()).isEqualTo(ApplicationStatus.ISSUED);
        // Outside the duplicate window: no duplicate reason, but the issuer's existing limits count.
        assertThat(second.decision().reasons()).doesNotContain(RiskReason.DUPLICATE_IDENTITY);
        var screening = screenings.find(second.id()).orElseThrow();
        assertThat(screening.figures().existing()).isEqualTo(new Limits(300_000, 0));
        var alone = screenings.find(first.id()).orElseThrow();
        assertThat(screening.figures().revolvingCapacity())
                .isLessThanOrEqualTo(alone.figures().revolvingCapacity() - 300_000);
    }

    @Test
    void aCashAdvanceAboveTheProofThresholdNeedsStaffToConfirmTheProofOfIncome() throws Exception {
        Application referred = made.withCashAdvance("収入証明", "600000");
        assertThat(referred.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(screenings.find(referred.id()).orElseThrow().needed())
                .contains(dev.anshin.screening.Requirement.PROOF_OF_INCOME);
        made.bureauAnswers(referred.id() + ".2", Scenario.CLEAN);
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true, new Limits(300_000, 600_000), false,
                staff, null)).isInstanceOfSatisfying(RequestProblem.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.VALIDATION);
                    assertThat(p.errors()).extracting(FieldProblem::field).containsExactly("incomeProofSeen");
                });
        assertThat(screenings.find(referred.id() + ".2")).isEmpty();
        Application issued = applications.decideReferral(referred.id(), true, new Limits(300_000, 600_000), true,
                staff, "源泉徴収票を確認");
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(screenings.find(referred.id() + ".2").orElseThrow().figures().declared().incomeProven()).isTrue();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'onboarding.referral.approve' AND resource = ?")
                .param("application/" + referred.id()).query(String.class).single()).contains("incomeProofSeen=true");
    }

    @Test
    void aCardWhoseNumberCouldNotBeReadIsShownOnTheNextTry() throws Exception {
        Application issued = made.clean("表示失敗");
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        String token = issued.issue().cardToken();
        Actor holder = Actor.cardholder(issued.customerId(), "test");
        // The vault does not answer for a moment.
        var row = jdbc.sql("SELECT ciphertext, stored_at FROM pan_vault WHERE token = ?").param(token)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}).single();
        jdbc.sql("DELETE FROM pan_vault WHERE token = ?").param(token).update();
        assertThatThrownBy(() -> applications.revealCard(issued.id(), holder)).isInstanceOf(RequestProblem.class);
        assertThat(applications.cardSummary(issued.id()).orElseThrow().revealed()).isFalse();
        jdbc.sql("INSERT INTO pan_vault (token, ciphertext, stored_at) VALUES (?, ?, ?)").params(token, row[0], row[1])
                .update();
        var details = applications.revealCard(issued.id(), holder).orElseThrow();
        assertThat(details.number()).endsWith(cards.find(token).orElseThrow().last4());
        assertThat(applications.revealCard(issued.id(), holder)).isEmpty();
        assertThat(applications.cardSummary(issued.id()).orElseThrow().revealed()).isTrue();
    }

    @Test
    void theMostStaffMayGrantIsTheLatestApprovingScreening() throws Exception {
        Application referred = made.bureauFailed("上限");
        assertThat(applications.approvableLimits(referred.id())).isEmpty();
        made.bureauAnswers(referred.id() + ".2", Scenario.FAILURE);
        assertThatThrownBy(() -> applications.decideReferral(referred.id(), true, new Limits(100_000, 0), false, staff,
                null)).isInstanceOf(RequestProblem.class);
        made.bureauAnswers(referred.id() + ".3", Scenario.CLEAN);
        applications.decideReferral(referred.id(), true, new Limits(100_000, 0), false, staff, null);
        assertThat(applications.rescreenings(referred.id())).extracting(s -> s.applicationId())
                .containsExactly(referred.id() + ".2", referred.id() + ".3");
        assertThat(applications.approvableLimits(referred.id())).contains(
                screenings.find(referred.id() + ".3").orElseThrow().granted());
    }
}
