package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.ekyc.EkycPolicy.Conclusion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EkycPolicyTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Today, in the project's time: December 2026. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), TOKYO);
    /** The last moment before the rule: 2027-03-31 23:59:59.999 JST. */
    private static final Clock JUST_BEFORE = Clock.fixed(Instant.parse("2027-03-31T14:59:59.999Z"), TOKYO);
    /** The instant the rule takes effect: 2027-04-01 00:00 JST. */
    private static final Clock AT_THE_INSTANT = Clock.fixed(Instant.parse("2027-03-31T15:00:00Z"), TOKYO);

    private final EkycPolicy policy = new EkycPolicy(EkycPolicy.Thresholds.DEFAULTS);

    private static EkycResult result(EkycMethod method, Double face, Double liveness, DocumentType type,
            boolean expired, double spoof, Double ocr) {
        return new EkycResult(method, face, liveness, new EkycResult.DocumentChecks(type, expired, spoof, ocr),
                Instant.parse("2026-12-07T00:59:00Z"));
    }

    private static EkycResult clean(EkycMethod method) {
        return switch (method) {
            case IMAGE_AND_FACE -> result(method, 0.97, 0.98, DocumentType.DRIVERS_LICENSE, false, 0.02, 0.95);
            case IC_CHIP_AND_FACE -> result(method, 0.97, 0.98, DocumentType.MY_NUMBER_CARD, false, 0.02, null);
            case JPKI -> result(method, null, null, DocumentType.MY_NUMBER_CARD, false, 0.0, null);
        };
    }

    @Test
    void theRuleTakesEffectAtMidnightJapanTimeOnTheFirstOfApril2027() {
        assertThat(EkycPolicy.IMAGE_METHOD_ENDS_AT).isEqualTo(Instant.parse("2027-03-31T15:00:00Z"));
        assertThat(EkycPolicy.IMAGE_METHOD_ENDS_AT.atZone(TOKYO).toString()).isEqualTo("2027-04-01T00:00+09:00[Asia/Tokyo]");
    }

    @Test
    void passesTheImageMethodBeforeTheInstant() {
        assertThat(policy.judge(clean(EkycMethod.IMAGE_AND_FACE), TODAY.instant()))
                .isEqualTo(new Conclusion(EkycOutcome.PASSED, java.util.List.of(EkycReason.CHECKS_PASSED)));
        assertThat(policy.judge(clean(EkycMethod.IMAGE_AND_FACE), JUST_BEFORE.instant()).outcome())
                .isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void failsTheImageMethodFromTheInstantOn() {
        Conclusion at = policy.judge(clean(EkycMethod.IMAGE_AND_FACE), AT_THE_INSTANT.instant());
        assertThat(at.outcome()).isEqualTo(EkycOutcome.FAILED);
        assertThat(at.reasons()).containsExactly(EkycReason.METHOD_NO_LONGER_ACCEPTED);
        assertThat(policy.judge(clean(EkycMethod.IMAGE_AND_FACE), Instant.parse("2028-01-01T00:00:00Z")).outcome())
                .isEqualTo(EkycOutcome.FAILED);
    }

    @Test
    void passesTheIcChipAndJpkiMethodsOnBothSidesOfTheInstant() {
        for (EkycMethod method : new EkycMethod[] {EkycMethod.IC_CHIP_AND_FACE, EkycMethod.JPKI}) {
            assertThat(policy.judge(clean(method), JUST_BEFORE.instant()).outcome()).as(method.name())
                    .isEqualTo(EkycOutcome.PASSED);
            assertThat(policy.judge(clean(method), AT_THE_INSTANT.instant()).outcome()).as(method.name())
                    .isEqualTo(EkycOutcome.PASSED);
        }
    }

    @Test
    void theCutOverIsConfigurable() {
        EkycPolicy earlier = new EkycPolicy(new EkycPolicy.Thresholds(0.85, 0.60, 0.90, 0.50, 0.30, 0.80, 0.70,
                Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(earlier.judge(clean(EkycMethod.IMAGE_AND_FACE), TODAY.instant()).outcome())
                .isEqualTo(EkycOutcome.FAILED);
    }

    @Test
    void failsAnExpiredDocument() {
        Conclusion c = policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.98, DocumentType.MY_NUMBER_CARD, true,
                0.02, null), TODAY.instant());
        assertThat(c.outcome()).isEqualTo(EkycOutcome.FAILED);
        assertThat(c.reasons()).containsExactly(EkycReason.DOCUMENT_EXPIRED);
    }

    @Test
    void failsASpoofedDocumentAndReviewsASuspectedOne() {
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.98, DocumentType.MY_NUMBER_CARD, false,
                0.80, null), TODAY.instant()).reasons()).containsExactly(EkycReason.DOCUMENT_SPOOFED);
        Conclusion suspected = policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.98, DocumentType.MY_NUMBER_CARD,
                false, 0.30, null), TODAY.instant());
        assertThat(suspected.outcome()).isEqualTo(EkycOutcome.REVIEW);
        assertThat(suspected.reasons()).containsExactly(EkycReason.DOCUMENT_SPOOF_SUSPECTED);
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.98, DocumentType.MY_NUMBER_CARD, false,
                0.29, null), TODAY.instant()).outcome()).isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void failsAFaceBelowTheFailingThresholdAndReviewsABorderlineOne() {
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.59, 0.98, DocumentType.MY_NUMBER_CARD, false,
                0.02, null), TODAY.instant()).reasons()).containsExactly(EkycReason.FACE_MISMATCH);
        Conclusion borderline = policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.60, 0.98,
                DocumentType.MY_NUMBER_CARD, false, 0.02, null), TODAY.instant());
        assertThat(borderline.outcome()).isEqualTo(EkycOutcome.REVIEW);
        assertThat(borderline.reasons()).containsExactly(EkycReason.FACE_MATCH_UNCERTAIN);
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.85, 0.98, DocumentType.MY_NUMBER_CARD, false,
                0.02, null), TODAY.instant()).outcome()).isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void failsALivenessBelowTheFailingThresholdAndReviewsABorderlineOne() {
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.49, DocumentType.MY_NUMBER_CARD, false,
                0.02, null), TODAY.instant()).reasons()).containsExactly(EkycReason.LIVENESS_FAILED);
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.89, DocumentType.MY_NUMBER_CARD, false,
                0.02, null), TODAY.instant()).reasons()).containsExactly(EkycReason.LIVENESS_UNCERTAIN);
    }

    @Test
    void sendsAFaceMethodWithoutScoresToReview() {
        Conclusion c = policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, null, null, DocumentType.MY_NUMBER_CARD, false,
                0.02, null), TODAY.instant());
        assertThat(c.outcome()).isEqualTo(EkycOutcome.REVIEW);
        assertThat(c.reasons()).containsExactly(EkycReason.FACE_CHECK_MISSING);
    }

    @Test
    void needsNoFaceForJpkiButAMyNumberCard() {
        assertThat(policy.judge(clean(EkycMethod.JPKI), TODAY.instant()).outcome()).isEqualTo(EkycOutcome.PASSED);
        assertThat(policy.judge(result(EkycMethod.JPKI, null, null, DocumentType.DRIVERS_LICENSE, false, 0.0, null),
                TODAY.instant()).reasons()).containsExactly(EkycReason.DOCUMENT_NOT_MY_NUMBER_CARD);
    }

    @Test
    void reviewsUnclearTextAndUnlistedDocuments() {
        assertThat(policy.judge(result(EkycMethod.IMAGE_AND_FACE, 0.97, 0.98, DocumentType.DRIVERS_LICENSE, false, 0.02,
                0.69), TODAY.instant()).reasons()).containsExactly(EkycReason.DOCUMENT_UNCLEAR);
        assertThat(policy.judge(result(EkycMethod.IC_CHIP_AND_FACE, 0.97, 0.98, DocumentType.OTHER, false, 0.02, null),
                TODAY.instant()).reasons()).containsExactly(EkycReason.DOCUMENT_TYPE_NOT_LISTED);
    }

    @Test
    void aFailureOutweighsAReviewAndEveryReasonIsKept() {
        Conclusion c = policy.judge(result(EkycMethod.IMAGE_AND_FACE, 0.70, 0.98, DocumentType.DRIVERS_LICENSE, true,
                0.02, 0.95), AT_THE_INSTANT.instant());
        assertThat(c.outcome()).isEqualTo(EkycOutcome.FAILED);
        assertThat(c.reasons()).containsExactly(EkycReason.METHOD_NO_LONGER_ACCEPTED, EkycReason.DOCUMENT_EXPIRED,
                EkycReason.FACE_MATCH_UNCERTAIN);
    }

    @Test
    void refusesThresholdsOutOfOrderOrRange() {
        assertThatThrownBy(() -> new EkycPolicy.Thresholds(0.5, 0.6, 0.9, 0.5, 0.3, 0.8, 0.7,
                EkycPolicy.IMAGE_METHOD_ENDS_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EkycPolicy.Thresholds(0.85, 0.6, 1.2, 0.5, 0.3, 0.8, 0.7,
                EkycPolicy.IMAGE_METHOD_ENDS_AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSandboxScenariosConcludeAsTheirNamesSay() {
        Instant now = TODAY.instant();
        for (EkycMethod method : new EkycMethod[] {EkycMethod.IC_CHIP_AND_FACE, EkycMethod.IMAGE_AND_FACE}) {
            assertThat(policy.judge(SandboxScenario.PASS.result(method, now), now).outcome()).isEqualTo(EkycOutcome.PASSED);
            assertThat(policy.judge(SandboxScenario.FACE_MISMATCH.result(method, now), now).reasons())
                    .containsExactly(EkycReason.FACE_MISMATCH);
            assertThat(policy.judge(SandboxScenario.LIVENESS_FAIL.result(method, now), now).reasons())
                    .containsExactly(EkycReason.LIVENESS_FAILED);
            assertThat(policy.judge(SandboxScenario.EXPIRED_DOCUMENT.result(method, now), now).reasons())
                    .containsExactly(EkycReason.DOCUMENT_EXPIRED);
            assertThat(policy.judge(SandboxScenario.SPOOFED_DOCUMENT.result(method, now), now).reasons())
                    .containsExactly(EkycReason.DOCUMENT_SPOOFED);
            assertThat(policy.judge(SandboxScenario.BORDERLINE_FACE.result(method, now), now).outcome())
                    .isEqualTo(EkycOutcome.REVIEW);
        }
        assertThat(policy.judge(SandboxScenario.PASS.result(EkycMethod.JPKI, now), now).outcome())
                .isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void theImageMethodsEndDefaultsToTheStatutoryInstant() {
        assertThat(policySettings(null).thresholds().imageMethodEndsAt()).isEqualTo(EkycPolicy.IMAGE_METHOD_ENDS_AT);
    }

    @Test
    void theImageMethodMayEndEarlierButNotLater() {
        java.time.OffsetDateTime earlier = java.time.OffsetDateTime.parse("2027-01-01T00:00:00+09:00");
        assertThat(policySettings(earlier).thresholds().imageMethodEndsAt()).isEqualTo(earlier.toInstant());
        assertThatThrownBy(() -> policySettings(java.time.OffsetDateTime.parse("2027-04-01T00:00:01+09:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never later");
    }

    private static EkycProperties.Policy policySettings(java.time.OffsetDateTime imageMethodEndsAt) {
        return new EkycProperties.Policy(0.85, 0.60, 0.90, 0.50, 0.30, 0.80, 0.70, imageMethodEndsAt);
    }
}
