package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycReason;
import dev.anshin.ekyc.EkycStatus;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.ekyc.SandboxVendorResults;
import dev.anshin.privacy.Actor;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.screening.Limits;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * eKYC referrals that can be finished (new-user trial findings): a credit officer decides an identity
 * check in review on the case page; an applicant whose document had expired (or who did not finish in time)
 * verifies again with another document, a bounded number of times. The vendor's own reviewed result is
 * EkycWebhookIntegrationTest's.
 */
class IdentityReferralIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CREDIT = user("credit-id-1").roles(Role.CREDIT_OFFICER.name());
    private static final RequestPostProcessor ANALYST = user("analyst-id-1").roles(Role.ANALYST.name());

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    EkycVerifications ekyc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationStore store;

    private ReferredApplications made;

    @BeforeEach
    void setUp() {
        made = new ReferredApplications(context, mvc, clock);
    }

    private static MockHttpServletRequestBuilder identity(Application app, String choice) {
        MockHttpServletRequestBuilder request = post("/console/applications/" + app.id() + "/identity").with(csrf());
        return choice == null ? request : request.param("identity", choice);
    }

    private long audited(String action, String resource) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND resource = ?").params(action, resource)
                .query(Long.class).single();
    }

    @Test
    void aCreditOfficerConfirmsAnIdentityInReviewAndTheReferralCanThenBeApproved() throws Exception {
        Application referred = made.borderlineFace("本人確認判断");
        String path = "/console/applications/" + referred.id();
        String page = mvc.perform(get(path).with(CREDIT)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"identity-review\"", "id=\"ekyc-face\"");
        // The analyst reads the page without the form, and may not post it.
        assertThat(mvc.perform(get(path).with(ANALYST)).andReturn().getResponse().getContentAsString())
                .doesNotContain("id=\"identity-review\"").contains("id=\"identity-in-review\"");
        mvc.perform(identity(referred, "CONFIRM").param("note", "x").param("confirmed", "yes").with(ANALYST))
                .andExpect(status().isForbidden());

        mvc.perform(identity(referred, "CONFIRM").param("note", "顔写真と本人を目視で確認").param("confirmed", "yes")
                        .with(CREDIT))
                .andExpect(status().isFound()).andExpect(redirectedUrl(path))
                .andExpect(flash().attributeExists("done"));
        String verification = referred.identity().verificationId();
        assertThat(ekyc.find(verification).orElseThrow().status()).isEqualTo(EkycStatus.PASSED);
        assertThat(ekyc.find(verification).orElseThrow().reasons()).containsExactly(EkycReason.STAFF_DECISION);
        Application after = applications.find(referred.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ApplicationStatus.REFERRED);
        Applications.Move move = applications.evidence(referred.id()).orElseThrow().moves().stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(move.action()).isEqualTo(ApplicationAction.REVIEW_IDENTITY);
        assertThat(move.actor()).isEqualTo("credit-id-1");
        assertThat(applications.staffNote(referred.id(), move.version())).contains("顔写真と本人を目視で確認");
        assertThat(audited("onboarding.identity.confirm", "application/" + referred.id())).isEqualTo(1);
        assertThat(audited("ekyc.review", "ekyc-verification/" + verification)).isEqualTo(1);
        // The note is sealed, never in the audit log.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?").param("%目視%").query(Long.class)
                .single()).isZero();

        // Decided once: a second decision is refused with a message, nothing changes.
        mvc.perform(identity(referred, "REJECT").param("note", "やはり").param("confirmed", "yes").with(CREDIT))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("error"));
        assertThat(ekyc.find(verification).orElseThrow().status()).isEqualTo(EkycStatus.PASSED);

        Application issued = applications.decideReferral(referred.id(), true, new Limits(300_000, 0), false,
                new Actor("credit-id-1", Set.of(Role.CREDIT_OFFICER), "test"), "承認");
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
    }

    @Test
    void aRejectedIdentityDeclinesTheApplicationAtOnce() throws Exception {
        Application referred = made.borderlineFace("本人確認否認");
        mvc.perform(identity(referred, "REJECT").param("note", "書類の写真と顔が一致しない").param("confirmed", "yes")
                .with(CREDIT)).andExpect(status().isFound()).andExpect(flash().attributeExists("done"));
        Application declined = applications.find(referred.id()).orElseThrow();
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(declined.decision().reasons()).contains(RiskReason.IDENTITY_FAILED);
        assertThat(ekyc.find(referred.identity().verificationId()).orElseThrow().outcome())
                .isEqualTo(EkycOutcome.FAILED);
        assertThat(audited("onboarding.identity.reject", "application/" + referred.id())).isEqualTo(1);
    }

    @Test
    void theIdentityDecisionNeedsAChoiceANoteAndTheConfirmationAndChangesNothingWithout() throws Exception {
        Application referred = made.borderlineFace("本人確認不備");
        Map<String, Object> flashed = mvc.perform(identity(referred, null).param("note", " ").with(CREDIT))
                .andExpect(status().isFound()).andReturn().getFlashMap();
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) flashed.get("identityErrors");
        assertThat(errors).containsKeys("identity-choice", "identity-note", "identity-confirm");
        assertThat(ekyc.find(referred.identity().verificationId()).orElseThrow().status()).isEqualTo(EkycStatus.REVIEW);
        assertThat(applications.find(referred.id()).orElseThrow().version()).isEqualTo(referred.version());
        // The service refuses a decision without a note, and one on an identity not in review.
        Actor officer = new Actor("credit-id-1", Set.of(Role.CREDIT_OFFICER), "test");
        assertThatThrownBy(() -> applications.decideIdentityReview(referred.id(), true, officer, ""))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.VALIDATION));
        Application expired = made.expiredDocument("本人確認対象外");
        assertThatThrownBy(() -> applications.decideIdentityReview(expired.id(), true, officer, "確認"))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
    }

    @Test
    void anApplicantWhoseDocumentHadExpiredVerifiesAgainWithAnotherAndIsDecided() throws Exception {
        Application referred = made.expiredDocument("書類期限切れ");
        assertThat(referred.decision().reasons()).contains(RiskReason.IDENTITY_NOT_CONFIRMED);
        // Staff cannot approve an identity that is not verified; the applicant can put it right.
        assertThat(applications.identityRetriesLeft(referred.id())).isEqualTo(Applications.IDENTITY_TRIES - 1);
        String first = referred.identity().verificationId();

        Application pending = applications.retryIdentity(referred.id(), "test");
        assertThat(pending.status()).isEqualTo(ApplicationStatus.IDENTITY_PENDING);
        assertThat(pending.identity().verificationId()).isNotEqualTo(first);
        assertThat(pending.decision()).isNull();
        assertThat(ekyc.ofSubject(referred.id())).hasSize(2);
        // Sent twice: the same verification.
        assertThat(applications.retryIdentity(referred.id(), "test").identity().verificationId())
                .isEqualTo(pending.identity().verificationId());
        assertThat(audited("onboarding.identity.retry", "application/" + referred.id())).isEqualTo(1);

        Application issued = made.verified(referred.id(), SandboxVendorResults.Seen.PASS);
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        assertThat(applications.evidence(referred.id()).orElseThrow().moves()).extracting(Applications.Move::action)
                .contains(ApplicationAction.RETRY_IDENTITY);
    }

    @Test
    void verifyingAgainIsBoundedAndOnlyForWhatAnotherDocumentCanPutRight() throws Exception {
        Application referred = made.expiredDocument("再確認上限");
        for (int tries = 1; tries < Applications.IDENTITY_TRIES; tries++) {
            applications.retryIdentity(referred.id(), "test");
            Application again = made.verified(referred.id(), SandboxVendorResults.Seen.EXPIRED_DOCUMENT);
            assertThat(again.status()).isEqualTo(ApplicationStatus.REFERRED);
        }
        assertThat(applications.identityRetriesLeft(referred.id())).isZero();
        assertThatThrownBy(() -> applications.retryIdentity(referred.id(), "test"))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(ekyc.ofSubject(referred.id())).hasSize(Applications.IDENTITY_TRIES);

        // An identity in review is for staff, not tried again by the applicant.
        Application inReview = made.borderlineFace("再確認不可");
        assertThat(applications.identityRetriesLeft(inReview.id())).isZero();
        assertThatThrownBy(() -> applications.retryIdentity(inReview.id(), "test"))
                .isInstanceOf(RequestProblem.class);
    }

    @Test
    void aVerificationStartedForARetryThatLostItsMoveIsNotCountedAsATry() throws Exception {
        Application referred = made.expiredDocument("孤児検証");
        // Another server started a verification for a retry whose move then lost: the applicant never saw it.
        ekyc.start(referred.id(), URI.create("/apply/" + referred.id() + "/identity"), Locale.JAPANESE);
        assertThat(ekyc.ofSubject(referred.id())).hasSize(2);
        assertThat(applications.identityRetriesLeft(referred.id())).isEqualTo(Applications.IDENTITY_TRIES - 1);
        applications.retryIdentity(referred.id(), "test");
        assertThat(made.verified(referred.id(), SandboxVendorResults.Seen.EXPIRED_DOCUMENT).status())
                .isEqualTo(ApplicationStatus.REFERRED);
        assertThat(applications.identityRetriesLeft(referred.id())).isEqualTo(Applications.IDENTITY_TRIES - 2);
    }

    @Test
    void aRetryWhileAnotherServerRetriesStartsNoSecondVerification() throws Exception {
        Application referred = made.expiredDocument("同時再確認");
        String other = "other-server";
        assertThat(store.claim("application:" + referred.id(), other, clock.instant(),
                clock.instant().plus(applications.decidingLease()))).isTrue();
        try {
            assertThatThrownBy(() -> applications.retryIdentity(referred.id(), "test"))
                    .isInstanceOf(ApplicationBeingDecided.class);
            assertThat(ekyc.ofSubject(referred.id())).hasSize(1);
            assertThat(applications.find(referred.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        } finally {
            store.release(List.of("application:" + referred.id()), other);
        }
        assertThat(applications.retryIdentity(referred.id(), "test").status())
                .isEqualTo(ApplicationStatus.IDENTITY_PENDING);
        assertThat(ekyc.ofSubject(referred.id())).hasSize(2);
    }

    @Test
    void anIdentityThatPassedLateIsNoLongerOfferedToVerifyAgain() throws Exception {
        Application referred = made.expiredDocument("遅れて合格");
        assertThat(applications.identityToVerifyAgain(referred.id())).isTrue();
        // A late result concluded the verification PASSED after the referral (as after EXPIRED): staff decide now.
        jdbc.sql("UPDATE ekyc_verifications SET status = 'PASSED', outcome = 'PASSED', reasons = 'CHECKS_PASSED' "
                + "WHERE id = ?").param(referred.identity().verificationId()).update();
        assertThat(applications.identityToVerifyAgain(referred.id())).isFalse();
        assertThat(applications.identityRetriesLeft(referred.id())).isZero();
    }
}
