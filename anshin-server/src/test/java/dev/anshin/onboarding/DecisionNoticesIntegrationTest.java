package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.privacy.Actor;
import dev.anshin.screening.Limits;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A referred applicant told the staff decision through the issuer's channel (the notifications module's sandbox
 * sender, its log line read here, the link masked in it, and its inbox): on approval a single-use setup link,
 * which after the date-of-birth and phone-last-four check and the one-time code then sent opens the decision page with the portal's activation code (usable at /portal/activate),
 * and brings the start page's way back; on a decline, the decline and no link. Never the name, the birth date
 * or the phone in the notice.
 */
class DecisionNoticesIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CREDIT = user("credit-1").roles(Role.CREDIT_OFFICER.name());
    private static final Actor STAFF = new Actor("credit-2", Set.of(Role.CREDIT_OFFICER), "test");
    private static final Pattern LINK = Pattern.compile("(?:https?://[^/\\s]+)?/apply/resume/([A-Za-z0-9_-]+)");

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    JdbcClient jdbc;

    private ReferredApplications referred;
    private SandboxInbox inbox;
    private final ListAppender<ILoggingEvent> sandbox = new ListAppender<>();
    private Logger sandboxLogger;
    private Level levelBefore;

    @BeforeEach
    void listenToTheSandboxChannel() {
        referred = new ReferredApplications(context, mvc, clock);
        inbox = new SandboxInbox(context.getBean(dev.anshin.notifications.SandboxNotificationSender.class));
        sandboxLogger = (Logger) LoggerFactory.getLogger("dev.anshin.notifications.sandbox");
        levelBefore = sandboxLogger.getLevel();
        sandboxLogger.setLevel(Level.DEBUG);
        sandbox.start();
        sandboxLogger.addAppender(sandbox);
    }

    @AfterEach
    void stopListening() {
        sandboxLogger.detachAppender(sandbox);
        sandboxLogger.setLevel(levelBefore);
    }

    @Test
    void anApprovedReferralReachesTheApplicantWithASetupLinkThatLeadsToTheCard() throws Exception {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Application app = referred.withoutDevice(ReferredApplications.NAME, digits, "1984-07-21");
        assertThat(app.status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(notices(app)).isEmpty();

        decide(app, "APPROVE");

        List<String> sent = notices(app);
        assertThat(sent).hasSize(1);
        String notice = sent.get(0);
        assertThat(notice).contains("カードを発行しました").contains("生年月日と電話番号の下4桁")
                .doesNotContain(ReferredApplications.NAME).doesNotContain("1984").doesNotContain(digits.substring(4));
        // The log line masks the link (a secret); the applicant's channel has it whole.
        assertThat(LINK.matcher(notice).find()).as(notice).isFalse();
        assertThat(notice).contains(dev.anshin.notifications.CardholderNotice.MASK);
        String token = inbox.latestLinkToken(applications.find(app.id()).orElseThrow(), "onboarding-decision:");
        assertThat(notice).doesNotContain(token);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'onboarding.notice.sent' AND resource = ?")
                .param("application/" + app.id()).query(Long.class).single()).isEqualTo(1);

        // The link opens nothing by itself: the check first; a wrong answer is refused.
        String form = mvc.perform(get("/apply/resume/" + token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(form).doesNotContain(app.id()).doesNotContain(ReferredApplications.NAME);
        mvc.perform(post("/apply/resume/" + token).with(csrf()).param("dateOfBirth", "1984-07-21")
                .param("phoneLastFour", "0000".equals(digits.substring(4)) ? "1111" : "0000"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/apply/resume/" + token).with(csrf())
                        .param("dateOfBirth", "1984-07-21").param("phoneLastFour", digits.substring(4)))
                .andExpect(status().isFound());
        MockHttpServletResponse confirmed = mvc.perform(post("/apply/resume/" + token + "/code").with(csrf())
                        .param("code", inbox.latestCode(applications.find(app.id()).orElseThrow())))
                .andExpect(status().isFound()).andReturn().getResponse();
        Cookie cookie = confirmed.getCookie(ApplyPages.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(confirmed.getRedirectedUrl()).isEqualTo("/apply/" + app.id() + "/decision");

        // The same browser: the card's page with the portal's activation code, and the start page's way back.
        String decision = mvc.perform(get("/apply/" + app.id() + "/decision").cookie(cookie)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher code = Pattern.compile("id=\"activation-code\"[^>]*>([A-Z2-7-]+)<").matcher(decision);
        assertThat(code.find()).as(decision).isTrue();
        String start = mvc.perform(get("/apply").cookie(cookie)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(start).contains("id=\"decided\"").contains("/apply/" + app.id() + "/decision");

        // The portal takes the activation code (next: the authenticator, then the card at /portal/new-card).
        mvc.perform(post("/portal/activate").with(csrf()).param("activationCode", code.group(1))
                        .param("loginId", "notice" + digits).param("password", "a long portal password 42")
                        .param("passwordAgain", "a long portal password 42"))
                .andExpect(status().isFound())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl())
                        .isEqualTo("/portal/activate/authenticator"));

        // The link is used up; the recovery job sends nothing more.
        mvc.perform(get("/apply/resume/" + token)).andExpect(status().isNotFound());
        context.getBean(DecisionNotices.class).sendOwed();
        assertThat(notices(app)).hasSize(1);
    }

    @Test
    void aDeclinedReferralIsToldWithoutALink() throws Exception {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Application app = referred.withoutDevice(ReferredApplications.NAME, digits, "1990-02-03");

        decide(app, "DECLINE");

        List<String> sent = notices(app);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("今回はカードを発行できません").doesNotContain("/apply/");
        assertThat(mvc.perform(get("/apply")).andReturn().getResponse().getContentAsString())
                .doesNotContain("id=\"decided\"");
    }

    @Test
    void theReferredApplicantIsPromisedTheStaffTarget() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        String key = "onboarding.referred.when";
        assertThat(context.getMessage(key, new Object[] {1}, java.util.Locale.JAPANESE)).contains("1営業日以内");
        assertThat(context.getMessage(key, new Object[] {1}, java.util.Locale.ENGLISH)).contains("1 business day,");
        assertThat(context.getMessage(key, new Object[] {3}, java.util.Locale.ENGLISH)).contains("3 business days");
        int days = context.getBean(ReviewQueueProperties.class).targetBusinessDays();
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        // The applicant's own browser (a web application's cookie is its resume token): the referral page.
        Cookie browser = new Cookie(ApplyPages.COOKIE, context.getBean(OnboardingKeys.class).resumeToken(app.id()));
        String page = mvc.perform(get("/apply/" + app.id() + "/decision").cookie(browser)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("結果は通常" + days + "営業日以内").doesNotContain((days + 1) + "営業日");
    }

    @Test
    void aStaffDecisionIsOwedItsNoticeEvenWhenTheServerStopsRightAfterWritingIt() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        applications.afterStaffDecision = () -> {
            throw new IllegalStateException("the server stopped");
        };
        try {
            assertThatThrownBy(() -> applications.decideReferral(app.id(), false, null, false, STAFF, null))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            applications.afterStaffDecision = () -> { };
        }
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.DECLINED);
        assertThat(notices(app)).isEmpty();

        context.getBean(DecisionNotices.class).sendOwed(); // the recovery job
        assertThat(notices(app)).hasSize(1).allSatisfy(n -> assertThat(n).contains("今回はカードを発行できません"));
    }

    @Test
    void aLaterDecisionReplacesTheNoticeNotSentYet() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        applications.beforeCardActivated = () -> {
            throw new IllegalStateException("the portal enrollment timed out");
        };
        java.time.Duration moved = java.time.Duration.ZERO;
        try {
            assertThat(applications.decideReferral(app.id(), true, new Limits(200_000, 0), false, STAFF, null).status())
                    .isEqualTo(ApplicationStatus.ERRORED);
            for (int i = 0; i < 3 && applications.find(app.id()).orElseThrow().status() != ApplicationStatus.REFERRED;
                    i++) {
                clock.advance(java.time.Duration.ofMinutes(1));
                moved = moved.plusMinutes(1);
                applications.recover();
            }
        } finally {
            applications.beforeCardActivated = () -> { };
            clock.advance(moved.negated());
        }
        assertThat(applications.find(app.id()).orElseThrow().status()).isEqualTo(ApplicationStatus.REFERRED);
        assertThat(notices(app)).isEmpty(); // the approval's card was never issued: nothing told

        decide(app, "DECLINE");

        assertThat(notices(app)).hasSize(1).allSatisfy(n -> assertThat(n).contains("今回はカードを発行できません"));
        assertThat(jdbc.sql("SELECT outcome FROM application_decision_notices WHERE application_id = ?").param(app.id())
                .query(String.class).single()).isEqualTo("DECLINE");
    }

    @Test
    void aReferralDeclinedWhenTheIdentityFailsLaterIsToldToo() throws Exception {
        Application app = referred.borderlineFace(ReferredApplications.NAME);
        assertThat(app.status()).isEqualTo(ApplicationStatus.REFERRED);
        context.getBean(EkycVerifications.class).decideReview(app.identity().verificationId(), false, "ekyc-reviewer",
                "test");
        Application declined = app;
        for (int i = 0; i < 100 && declined.status() == ApplicationStatus.REFERRED; i++) {
            Thread.sleep(50);
            declined = applications.find(app.id()).orElseThrow();
        }
        assertThat(declined.status()).isEqualTo(ApplicationStatus.DECLINED);

        context.getBean(DecisionNotices.class).sendOwed(); // the recovery job
        assertThat(notices(app)).hasSize(1).allSatisfy(n -> assertThat(n).contains("今回はカードを発行できません"));
    }

    @Test
    void noticesThatCannotGoYetDoNotHoldUpTheOthers() throws Exception {
        // More approvals waiting for a card than the job takes at once (drafts here: never issued).
        for (int i = 0; i < 101; i++) {
            Application waiting = applications.startDraft("ja").application();
            jdbc.sql("INSERT INTO application_decision_notices (application_id, outcome, decided_at, attempts) "
                    + "VALUES (?, 'APPROVE', ?, 0)").params(waiting.id(), java.sql.Timestamp.from(
                            clock.instant().minus(java.time.Duration.ofDays(30)))).update();
        }
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        applications.decideReferral(app.id(), false, null, false, STAFF, null); // the API: owed, not sent at once
        assertThat(notices(app)).isEmpty();

        context.getBean(DecisionNotices.class).sendOwed();
        assertThat(notices(app)).hasSize(1);
    }

    @Test
    void aNoticeClaimedByARunThatDiedGoesOnceTheClaimRunsOut() throws Exception {
        Application app = referred.withoutDevice(ReferredApplications.NAME);
        applications.decideReferral(app.id(), false, null, false, STAFF, null);
        ApplicationStore store = context.getBean(ApplicationStore.class);
        // A run claimed it and stopped before the channel took it.
        assertThat(store.claimNotice(app.id(), clock.instant(), clock.instant().plus(DecisionNotices.CLAIM))).isTrue();
        DecisionNotices notices = context.getBean(DecisionNotices.class);
        assertThat(notices.send(app.id())).isFalse(); // still claimed
        assertThat(store.noticeSentAt(app.id())).isEmpty();

        clock.advance(DecisionNotices.CLAIM.plusSeconds(1));
        try {
            assertThat(notices.send(app.id())).isTrue();
        } finally {
            clock.advance(DecisionNotices.CLAIM.plusSeconds(1).negated());
        }
        assertThat(notices(app)).hasSize(1);
        assertThat(store.noticeSentAt(app.id())).isPresent();
    }

    private void decide(Application app, String decision) throws Exception {
        var request = post("/console/applications/" + app.id() + "/decision").with(csrf()).param("decision", decision)
                .param("version", Integer.toString(applications.find(app.id()).orElseThrow().version()))
                .param("note", "本人確認・審査とも確認済み").param("confirmed", "yes");
        if ("APPROVE".equals(decision)) {
            request.param("revolving", "200000").param("cashAdvance", "0");
        }
        mvc.perform(request.with(CREDIT)).andExpect(status().isFound());
    }

    private List<String> notices(Application app) {
        return sandbox.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("onboarding-decision:" + app.id())).toList();
    }
}
