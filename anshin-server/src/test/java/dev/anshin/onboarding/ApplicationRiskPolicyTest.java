package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.devices.DeviceReason;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycReason;
import dev.anshin.onboarding.ApplicationRiskPolicy.DeviceEvidence;
import dev.anshin.onboarding.ApplicationRiskPolicy.Duplicates;
import dev.anshin.onboarding.ApplicationRiskPolicy.Evidence;
import dev.anshin.onboarding.ApplicationRiskPolicy.Ground;
import dev.anshin.onboarding.ApplicationRiskPolicy.IdentityEvidence;
import dev.anshin.screening.ScreeningOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApplicationRiskPolicyTest {

    private final ApplicationRiskPolicy policy = new ApplicationRiskPolicy();

    private static final DeviceEvidence CLEAN_DEVICE = new DeviceEvidence(Set.of(), Set.of());
    private static final IdentityEvidence PASSED = new IdentityEvidence(EkycOutcome.PASSED,
            List.of(EkycReason.CHECKS_PASSED));
    private static final IdentityEvidence IN_REVIEW = new IdentityEvidence(EkycOutcome.REVIEW,
            List.of(EkycReason.FACE_MATCH_UNCERTAIN));

    private static Evidence clean() {
        return new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, Duplicates.NONE, ScreeningOutcome.APPROVE);
    }

    private static Evidence withDevice(DeviceReason... reasons) {
        return new Evidence(Channel.WEB, new DeviceEvidence(Set.of(reasons), Set.of()), PASSED, Duplicates.NONE,
                ScreeningOutcome.APPROVE);
    }

    private static Evidence withDuplicates(Duplicates duplicates) {
        return new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, duplicates, ScreeningOutcome.APPROVE);
    }

    @Test
    void aCleanApplicantIsApprovedWithNoReason() {
        var assessment = policy.decide(clean());
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.fraudScore()).isZero();
        assertThat(assessment.cut()).isEqualTo(ApplicationRiskPolicy.REFER_CUT);
    }

    // ---- weak signals: recorded, referring only together ------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DeviceReason.class, names = {"TIMEZONE_OUTSIDE_JAPAN", "LANGUAGE_NOT_JAPANESE", "MANY_CARDS",
            "FRAUD_ON_LINKED_CARDS", "HIGH_VELOCITY"})
    void aWeakDeviceSignalAloneApprovesWithItsReasonRecorded(DeviceReason reason) {
        var assessment = policy.decide(withDevice(reason));
        RiskReason recorded = ApplicationRiskPolicy.deviceReason(reason);
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(assessment.reasons()).containsExactly(recorded);
        assertThat(assessment.fraudScore()).isEqualTo(ApplicationRiskPolicy.SUPPORTING).isLessThan(assessment.cut());
        assertThat(ApplicationRiskPolicy.effectIn(recorded, assessment.reasons())).isEqualTo(RiskReason.Effect.NOTE);
        assertThat(ApplicationRiskPolicy.referring(assessment.reasons())).isEmpty();
    }

    @Test
    void eachKindOfDuplicateAloneApprovesWithItsReasonRecorded() {
        assertThat(policy.decide(withDuplicates(new Duplicates(1, 0, 0, 0)))).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
            assertThat(a.reasons()).containsExactly(RiskReason.DUPLICATE_IDENTITY);
        });
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 2, 0, 0)))).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
            assertThat(a.reasons()).containsExactly(RiskReason.DUPLICATE_PHONE);
        });
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 0, 1, 0)))).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
            assertThat(a.reasons()).containsExactly(RiskReason.DUPLICATE_EMAIL);
        });
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 0, 0, 1)))).satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
            assertThat(a.reasons()).containsExactly(RiskReason.DUPLICATE_DEVICE);
        });
    }

    @Test
    void theSamePersonWithAnApplicationInProgressOrACardIsReferredWithoutAFraudScore() {
        var assessment = policy.decide(withDuplicates(new Duplicates(1, 1, 1, 0, 1)));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).contains(RiskReason.SAME_PERSON_ACTIVE, RiskReason.DUPLICATE_IDENTITY);
        assertThat(assessment.fraudScore()).isLessThan(assessment.cut());
        assertThat(ApplicationRiskPolicy.referring(assessment.reasons())).containsExactly(RiskReason.SAME_PERSON_ACTIVE);
        assertThat(RiskReason.SAME_PERSON_ACTIVE.fraudSignal()).isFalse();
        assertThat(ApplicationRiskPolicy.ground(RiskReason.SAME_PERSON_ACTIVE))
                .isEqualTo(ApplicationRiskPolicy.Ground.SAME_PERSON);
        // Outside the duplicate window (a card issued long ago): still referred.
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 0, 0, 0, 1))).outcome())
                .isEqualTo(ApplicationOutcome.REFER);
    }

    @Test
    void aClockAbroadTogetherWithAnotherLanguageRefers() {
        var assessment = policy.decide(withDevice(DeviceReason.TIMEZONE_OUTSIDE_JAPAN,
                DeviceReason.LANGUAGE_NOT_JAPANESE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.fraudScore()).isEqualTo(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.referring(assessment.reasons())).containsExactly(
                RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN, RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE);
    }

    @Test
    void aWeakDeviceSignalTogetherWithADuplicateRefers() {
        var assessment = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(
                Set.of(DeviceReason.TIMEZONE_OUTSIDE_JAPAN), Set.of()), PASSED, new Duplicates(0, 0, 1, 0),
                ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN,
                RiskReason.DUPLICATE_EMAIL);
    }

    @Test
    void twoPeopleSharingAPhoneAndAnEmailAreReferred() {
        var assessment = policy.decide(withDuplicates(new Duplicates(0, 1, 1, 0)));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.fraudScore()).isEqualTo(2 * ApplicationRiskPolicy.SUPPORTING);
    }

    @Test
    void theSamePersonTryingAgainFromTheirOwnPhoneIsOneFactNotFour() {
        var assessment = policy.decide(withDuplicates(new Duplicates(1, 1, 1, 1)));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(assessment.reasons()).containsExactly(RiskReason.DUPLICATE_IDENTITY, RiskReason.DUPLICATE_PHONE,
                RiskReason.DUPLICATE_EMAIL, RiskReason.DUPLICATE_DEVICE);
        assertThat(assessment.fraudScore()).isEqualTo(ApplicationRiskPolicy.SUPPORTING);
    }

    // ---- the cut -----------------------------------------------------------------------------------------

    @Test
    void aDecisionMadeBeforeTheFraudScoreIsReadUnderItsOwnRules() {
        // Then every fraud signal referred on its own, and the browser's language was a note.
        List<RiskReason> old = List.of(RiskReason.DUPLICATE_PHONE, RiskReason.PARTNER_WITHOUT_DEVICE);
        ApplicationRiskPolicy.Version before = ApplicationRiskPolicy.Version.BEFORE_FRAUD_SCORE;
        assertThat(ApplicationRiskPolicy.referring(old, before)).containsExactly(RiskReason.DUPLICATE_PHONE);
        List<RiskReason> withLanguage = List.of(RiskReason.DUPLICATE_PHONE, RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE);
        assertThat(ApplicationRiskPolicy.referring(withLanguage, before)).containsExactly(RiskReason.DUPLICATE_PHONE);
        // Under today's weights the same reasons refer for nothing: the reason it was referred for would be lost.
        assertThat(ApplicationRiskPolicy.referring(old, ApplicationRiskPolicy.VERSION)).isEmpty();
        assertThat(ApplicationRiskPolicy.referring(old)).isEmpty();
    }

    @Test
    void theScoreRefersAtTheCutAndNotBelow() {
        List<RiskReason> below = List.of(RiskReason.DEVICE_HIGH_VELOCITY);
        List<RiskReason> at = List.of(RiskReason.DEVICE_HIGH_VELOCITY, RiskReason.DUPLICATE_DEVICE);
        assertThat(ApplicationRiskPolicy.fraudScore(below)).isEqualTo(ApplicationRiskPolicy.REFER_CUT
                - ApplicationRiskPolicy.SUPPORTING).isLessThan(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.fraudScore(at)).isEqualTo(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.effectIn(RiskReason.DEVICE_HIGH_VELOCITY, below)).isEqualTo(RiskReason.Effect.NOTE);
        assertThat(ApplicationRiskPolicy.effectIn(RiskReason.DEVICE_HIGH_VELOCITY, at)).isEqualTo(RiskReason.Effect.REFER);
        assertThat(policy.decide(withDevice(DeviceReason.HIGH_VELOCITY)).outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(DeviceReason.HIGH_VELOCITY),
                Set.of()), PASSED, new Duplicates(0, 0, 0, 1), ScreeningOutcome.APPROVE)).outcome())
                .isEqualTo(ApplicationOutcome.REFER);
    }

    @Test
    void twoWeakWeightsMakeTheCutAndOneStrongOneMakesItAlone() {
        assertThat(2 * ApplicationRiskPolicy.SUPPORTING).isGreaterThanOrEqualTo(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.SUPPORTING).isLessThan(ApplicationRiskPolicy.REFER_CUT);
        assertThat(ApplicationRiskPolicy.STRONG).isGreaterThanOrEqualTo(ApplicationRiskPolicy.REFER_CUT);
    }

    // ---- strong signals ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DeviceReason.class, names = {"CONFIRMED_FRAUD", "AUTOMATION", "MANY_APPLICATIONS",
            "SHARED_BY_CUSTOMERS", "REUSED_OBSERVATION"})
    void aStrongDeviceSignalRefersOnItsOwn(DeviceReason reason) {
        var assessment = policy.decide(withDevice(reason));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(ApplicationRiskPolicy.deviceReason(reason));
        assertThat(assessment.fraudScore()).isGreaterThanOrEqualTo(assessment.cut());
    }

    @ParameterizedTest
    @EnumSource(DeviceReason.class)
    void everyDeviceReasonHasItsOwnReasonWeighedAsAFraudSignal(DeviceReason reason) {
        RiskReason recorded = ApplicationRiskPolicy.deviceReason(reason);
        assertThat(recorded).isEqualTo(RiskReason.valueOf("DEVICE_" + reason.name()));
        assertThat(recorded.effect()).isEqualTo(RiskReason.Effect.SCORE);
        assertThat(recorded.weight()).isIn(ApplicationRiskPolicy.SUPPORTING, ApplicationRiskPolicy.STRONG);
    }

    @Test
    void aDeviceReasonThisVersionDoesNotKnowIsStrong() {
        assertThat(RiskReason.DEVICE_OTHER_SIGNAL.weight()).isGreaterThanOrEqualTo(ApplicationRiskPolicy.REFER_CUT);
    }

    @Test
    void automationMarkersOnThisVeryObservationRefer() {
        var assessment = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(),
                Set.of(AutomationMarker.WEBDRIVER)), PASSED, Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.DEVICE_AUTOMATION);
    }

    @ParameterizedTest
    @EnumSource(value = EkycReason.class, names = {"DOCUMENT_SPOOFED", "FACE_MISMATCH", "LIVENESS_FAILED",
            "STAFF_DECISION"})
    void anIdentityFailurePointingToImpersonationDeclinesWithoutAskingTheBureau(EkycReason reason) {
        IdentityEvidence failed = new IdentityEvidence(EkycOutcome.FAILED, List.of(reason));
        assertThat(policy.identityDeclines(failed)).isTrue();
        var assessment = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, failed, Duplicates.NONE, null));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.DECLINE);
        // Not screened, and the applicant is not told about a screening that was never made.
        assertThat(assessment.reasons()).containsExactly(RiskReason.IDENTITY_FAILED);
        assertThat(ApplicationRiskPolicy.ground(RiskReason.IDENTITY_FAILED)).isEqualTo(Ground.FRAUD_SIGNALS);
    }

    // ---- identity not verified yet: refers, not a fraud signal ---------------------------------------------

    @ParameterizedTest
    @EnumSource(value = EkycReason.class, names = {"DOCUMENT_EXPIRED", "METHOD_NO_LONGER_ACCEPTED",
            "DOCUMENT_NOT_MY_NUMBER_CARD"})
    void anIdentityFailureTheApplicantCanFixIsReferred(EkycReason reason) {
        IdentityEvidence failed = new IdentityEvidence(EkycOutcome.FAILED, List.of(reason));
        assertThat(policy.identityDeclines(failed)).isFalse();
        var assessment = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, failed, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.IDENTITY_NOT_CONFIRMED);
        assertThat(assessment.fraudScore()).isZero();
    }

    @Test
    void anIdentityInReviewOrExpiredIsReferredWithoutAFraudScore() {
        var review = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, IN_REVIEW, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(review.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(review.reasons()).containsExactly(RiskReason.IDENTITY_REVIEW);
        assertThat(review.fraudScore()).isZero();
        var expired = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, new IdentityEvidence(EkycOutcome.EXPIRED,
                List.of(EkycReason.NOT_COMPLETED_IN_TIME)), Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(expired.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(expired.reasons()).containsExactly(RiskReason.IDENTITY_EXPIRED);
        for (RiskReason reason : List.of(RiskReason.IDENTITY_NOT_CONFIRMED, RiskReason.IDENTITY_REVIEW,
                RiskReason.IDENTITY_EXPIRED)) {
            assertThat(reason.fraudSignal()).as(reason.name()).isFalse();
            assertThat(ApplicationRiskPolicy.ground(reason)).isEqualTo(Ground.IDENTITY_NOT_VERIFIED);
        }
    }

    @Test
    void aWeakSignalBesideAnIdentityInReviewIsRecordedButDoesNotRefer() {
        var assessment = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(
                Set.of(DeviceReason.TIMEZONE_OUTSIDE_JAPAN), Set.of()), IN_REVIEW, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.IDENTITY_REVIEW,
                RiskReason.DEVICE_TIMEZONE_OUTSIDE_JAPAN);
        assertThat(ApplicationRiskPolicy.referring(assessment.reasons())).containsExactly(RiskReason.IDENTITY_REVIEW);
    }

    // ---- never approve unknown ---------------------------------------------------------------------------

    @Test
    void neverApprovesWhenTheIdentityResultIsMissing() {
        var assessment = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, IdentityEvidence.NONE, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.IDENTITY_UNKNOWN);
        assertThat(ApplicationRiskPolicy.ground(RiskReason.IDENTITY_UNKNOWN)).isEqualTo(Ground.MISSING_EVIDENCE);
    }

    @Test
    void neverApprovesWithoutAScreeningDecision() {
        var assessment = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, Duplicates.NONE, null));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.SCREENING_UNKNOWN);
    }

    @Test
    void aWebApplicationWithoutDeviceEvidenceIsReferredAPartnerOneOnlyNoted() {
        var web = policy.decide(new Evidence(Channel.WEB, null, PASSED, Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(web.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(web.reasons()).containsExactly(RiskReason.NO_DEVICE_EVIDENCE);
        assertThat(web.fraudScore()).isZero();
        var partner = policy.decide(new Evidence(Channel.PARTNER, null, PASSED, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(partner.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(partner.reasons()).containsExactly(RiskReason.PARTNER_WITHOUT_DEVICE);
    }

    // ---- the screening: the law's, not fraud ---------------------------------------------------------------

    @Test
    void theScreeningsOutcomeCarriesOverAndTheMostSevereWins() {
        var declined = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(DeviceReason.AUTOMATION),
                Set.of()), PASSED, new Duplicates(1, 0, 0, 0), ScreeningOutcome.DECLINE));
        assertThat(declined.outcome()).isEqualTo(ApplicationOutcome.DECLINE);
        assertThat(declined.reasons()).containsExactly(RiskReason.DEVICE_AUTOMATION, RiskReason.DUPLICATE_IDENTITY,
                RiskReason.SCREENING_DECLINED);
        assertThat(declined.fraudScore()).isEqualTo(ApplicationRiskPolicy.STRONG + ApplicationRiskPolicy.SUPPORTING);
        var referred = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, Duplicates.NONE,
                ScreeningOutcome.REFER));
        assertThat(referred.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(referred.reasons()).containsExactly(RiskReason.SCREENING_REFERRED);
        assertThat(referred.fraudScore()).isZero();
        assertThat(ApplicationRiskPolicy.ground(RiskReason.SCREENING_REFERRED)).isEqualTo(Ground.SCREENING);
    }

    // ---- the table -----------------------------------------------------------------------------------------

    @Test
    void theTableListsEveryReasonOnceInTheOrderTheyAreReported() {
        assertThat(ApplicationRiskPolicy.decisionTable()).extracting(ApplicationRiskPolicy.Rule::reason)
                .containsExactly(RiskReason.values());
        assertThat(ApplicationRiskPolicy.decisionTable()).allMatch(rule -> rule.effect() == rule.reason().effect()
                && rule.weight() == rule.reason().weight());
        assertThat(Arrays.stream(RiskReason.values()).filter(r -> r.effect() == RiskReason.Effect.NOTE))
                .containsExactly(RiskReason.PARTNER_WITHOUT_DEVICE, RiskReason.STAFF_DECISION);
    }

    @Test
    void everyWeighedReasonIsAFraudSignalAndOnlyTheFailedIdentityDeclinesWithAWeight() {
        for (RiskReason reason : RiskReason.values()) {
            if (reason.effect() == RiskReason.Effect.SCORE) {
                assertThat(reason.weight()).as(reason.name()).isPositive();
            } else if (reason != RiskReason.IDENTITY_FAILED) {
                assertThat(reason.weight()).as(reason.name()).isZero();
            }
        }
        assertThat(RiskReason.IDENTITY_FAILED.effect()).isEqualTo(RiskReason.Effect.DECLINE);
        assertThat(RiskReason.IDENTITY_FAILED.weight()).isEqualTo(ApplicationRiskPolicy.STRONG);
    }
}
