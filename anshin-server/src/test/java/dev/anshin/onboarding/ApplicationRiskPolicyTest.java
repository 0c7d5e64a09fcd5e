package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.devices.DeviceReason;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycReason;
import dev.anshin.onboarding.ApplicationRiskPolicy.DeviceEvidence;
import dev.anshin.onboarding.ApplicationRiskPolicy.Duplicates;
import dev.anshin.onboarding.ApplicationRiskPolicy.Evidence;
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

    private static Evidence clean() {
        return new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, Duplicates.NONE, ScreeningOutcome.APPROVE);
    }

    @Test
    void aCleanApplicantIsApprovedWithNoReason() {
        var assessment = policy.decide(clean());
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(assessment.reasons()).isEmpty();
    }

    @Test
    void neverApprovesWhenTheIdentityResultIsMissing() {
        var assessment = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, IdentityEvidence.NONE, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.IDENTITY_UNKNOWN);
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
        var partner = policy.decide(new Evidence(Channel.PARTNER, null, PASSED, Duplicates.NONE,
                ScreeningOutcome.APPROVE));
        assertThat(partner.outcome()).isEqualTo(ApplicationOutcome.APPROVE);
        assertThat(partner.reasons()).containsExactly(RiskReason.PARTNER_WITHOUT_DEVICE);
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
    }

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
    }

    @Test
    void anIdentityInReviewOrExpiredIsReferred() {
        assertThat(policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, new IdentityEvidence(EkycOutcome.REVIEW,
                List.of(EkycReason.FACE_MATCH_UNCERTAIN)), Duplicates.NONE, ScreeningOutcome.APPROVE)).reasons())
                .containsExactly(RiskReason.IDENTITY_REVIEW);
        var expired = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, new IdentityEvidence(EkycOutcome.EXPIRED,
                List.of(EkycReason.NOT_COMPLETED_IN_TIME)), Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(expired.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(expired.reasons()).containsExactly(RiskReason.IDENTITY_EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(DeviceReason.class)
    void everyDeviceReasonHasItsOwnReasonAndOnlyTheLanguageIsANote(DeviceReason reason) {
        var assessment = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(reason), Set.of()), PASSED,
                Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(assessment.reasons()).containsExactly(RiskReason.valueOf(reason == DeviceReason.LANGUAGE_NOT_JAPANESE
                ? "DEVICE_LANGUAGE_NOT_JAPANESE" : "DEVICE_" + reason.name()));
        assertThat(assessment.outcome()).isEqualTo(reason == DeviceReason.LANGUAGE_NOT_JAPANESE
                ? ApplicationOutcome.APPROVE : ApplicationOutcome.REFER);
    }

    @Test
    void automationMarkersOnThisVeryObservationRefer() {
        var assessment = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(),
                Set.of(AutomationMarker.WEBDRIVER)), PASSED, Duplicates.NONE, ScreeningOutcome.APPROVE));
        assertThat(assessment.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(assessment.reasons()).containsExactly(RiskReason.DEVICE_AUTOMATION);
    }

    @Test
    void eachKindOfDuplicateRefers() {
        assertThat(policy.decide(withDuplicates(new Duplicates(1, 0, 0, 0))).reasons())
                .containsExactly(RiskReason.DUPLICATE_IDENTITY);
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 2, 0, 0))).reasons())
                .containsExactly(RiskReason.DUPLICATE_PHONE);
        assertThat(policy.decide(withDuplicates(new Duplicates(0, 0, 1, 0))).reasons())
                .containsExactly(RiskReason.DUPLICATE_EMAIL);
        var device = policy.decide(withDuplicates(new Duplicates(0, 0, 0, 1)));
        assertThat(device.reasons()).containsExactly(RiskReason.DUPLICATE_DEVICE);
        assertThat(device.outcome()).isEqualTo(ApplicationOutcome.REFER);
    }

    @Test
    void theScreeningsOutcomeCarriesOverAndTheMostSevereWins() {
        var declined = policy.decide(new Evidence(Channel.WEB, new DeviceEvidence(Set.of(DeviceReason.AUTOMATION),
                Set.of()), PASSED, new Duplicates(1, 0, 0, 0), ScreeningOutcome.DECLINE));
        assertThat(declined.outcome()).isEqualTo(ApplicationOutcome.DECLINE);
        assertThat(declined.reasons()).containsExactly(RiskReason.DEVICE_AUTOMATION, RiskReason.DUPLICATE_IDENTITY,
                RiskReason.SCREENING_DECLINED);
        var referred = policy.decide(new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, Duplicates.NONE,
                ScreeningOutcome.REFER));
        assertThat(referred.outcome()).isEqualTo(ApplicationOutcome.REFER);
        assertThat(referred.reasons()).containsExactly(RiskReason.SCREENING_REFERRED);
    }

    @Test
    void theTableListsEveryReasonOnceInTheOrderTheyAreReported() {
        assertThat(ApplicationRiskPolicy.decisionTable()).extracting(ApplicationRiskPolicy.Rule::reason)
                .containsExactly(RiskReason.values());
        assertThat(ApplicationRiskPolicy.decisionTable()).allMatch(rule -> rule.effect() == rule.reason().effect());
        assertThat(Arrays.stream(RiskReason.values()).filter(r -> r.effect() == RiskReason.Effect.NOTE))
                .containsExactly(RiskReason.DEVICE_LANGUAGE_NOT_JAPANESE, RiskReason.PARTNER_WITHOUT_DEVICE,
                        RiskReason.STAFF_DECISION);
    }

    private static Evidence withDuplicates(Duplicates duplicates) {
        return new Evidence(Channel.WEB, CLEAN_DEVICE, PASSED, duplicates, ScreeningOutcome.APPROVE);
    }
}
