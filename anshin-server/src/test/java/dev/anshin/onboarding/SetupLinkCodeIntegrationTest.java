package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.access.Role;
import dev.anshin.notifications.SandboxNotificationSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A setup link opens only with a one-time code sent to the applicant's own contact (the sandbox channel's inbox
 * read here), after the date-of-birth and phone-last-four check a partner could answer itself: the code is never
 * on a page, kept only as a keyed hash, short-lived, its tries counted atomically, every step audited. An expired
 * link (never used) offers a new one, sent to the registered contact and never shown, limited per application.
 */
class SetupLinkCodeIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CREDIT = user("credit-1").roles(Role.CREDIT_OFFICER.name());

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    SetupLinks links;

    @Autowired
    SandboxNotificationSender sandbox;

    @Autowired
    JdbcClient jdbc;

    private SandboxInbox inbox;
    private Duration moved = Duration.ZERO;

    @BeforeEach
    void setUp() {
        inbox = new SandboxInbox(sandbox);
    }

    @AfterEach
    void giveTheClockBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
    }

    private void later(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    /** An approved referral, its decision notice sent with a setup link: the application, the digits, the token. */
    private record Approved(Application application, String digits, String birthDate, String token) {
        String lastFour() {
            return digits.substring(4);
        }
    }

    private Approved approved() throws Exception {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String birthDate = "1979-03-1" + (digits.charAt(0) - '0');
        Application app = new ReferredApplications(context, mvc, clock).withoutDevice(ReferredApplications.NAME,
                digits, birthDate);
        mvc.perform(post("/console/applications/" + app.id() + "/decision").with(csrf()).param("decision", "APPROVE")
                        .param("version", Integer.toString(applications.find(app.id()).orElseThrow().version()))
                        .param("note", "本人確認・審査とも確認済み").param("confirmed", "yes")
                        .param("revolving", "200000").param("cashAdvance", "0").with(CREDIT))
                .andExpect(status().isFound());
        Application issued = applications.find(app.id()).orElseThrow();
        assertThat(issued.status()).isEqualTo(ApplicationStatus.ISSUED);
        return new Approved(issued, digits, birthDate, inbox.latestLinkToken(issued, "onboarding-decision:"));
    }

    private MockHttpServletResponse check(String token, String birthDate, String lastFour) throws Exception {
        return mvc.perform(post("/apply/resume/" + token).with(csrf()).param("dateOfBirth", birthDate)
                .param("phoneLastFour", lastFour).with(RemoteAddresses.from(RemoteAddresses.fresh())))
                .andReturn().getResponse();
    }

    private MockHttpServletResponse code(String token, String code) throws Exception {
        return mvc.perform(post("/apply/resume/" + token + "/code").with(csrf()).param("code", code)
                .with(RemoteAddresses.from(RemoteAddresses.fresh()))).andReturn().getResponse();
    }

    private long audited(Application application, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND resource = ? AND outcome = ?")
                .params(action, "application/" + application.id(), outcome).query(Long.class).single();
    }

    private static String other(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void theRightAnswersToTheCheckOnlySendACodeToTheApplicantsOwnContact() throws Exception {
        Approved a = approved();
        MockHttpServletResponse checked = check(a.token(), a.birthDate(), a.lastFour());
        // Whoever answered (a partner knows the answers) gets no cookie and no card: a page asking for the code.
        assertThat(checked.getRedirectedUrl()).isEqualTo("/apply/resume/" + a.token() + "/code");
        assertThat(checked.getCookie(ApplyPages.COOKIE)).isNull();
        String code = inbox.latestCode(a.application());
        assertThat(inbox.notices(a.application(), "onboarding-code:")).hasSize(1)
                .allSatisfy(n -> assertThat(n.customerId()).isEqualTo(a.application().customerId()));
        String page = mvc.perform(get("/apply/resume/" + a.token() + "/code")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"code\"").contains("autocomplete=\"one-time-code\"").doesNotContain(code)
                .doesNotContain(a.application().id());
        // Kept only as a keyed hash: not the code, not its plain SHA-256.
        String stored = jdbc.sql("SELECT code_hash FROM application_links WHERE token_hash = ?")
                .param(OnboardingKeys.hash(a.token())).query(String.class).single();
        assertThat(stored).isNotEqualTo(code).isNotEqualTo(OnboardingKeys.hash(code)).doesNotContain(code);

        MockHttpServletResponse wrong = code(a.token(), other(code));
        assertThat(wrong.getStatus()).isEqualTo(422);
        assertThat(wrong.getCookie(ApplyPages.COOKIE)).isNull();
        assertThat(wrong.getContentAsString()).contains("id=\"code-error\"").contains("aria-invalid=\"true\"");

        MockHttpServletResponse right = code(a.token(), code);
        assertThat(right.getRedirectedUrl()).isEqualTo("/apply/" + a.application().id() + "/decision");
        assertThat(right.getCookie(ApplyPages.COOKIE)).isNotNull();
        assertThat(jdbc.sql("SELECT code_hash FROM application_links WHERE token_hash = ?")
                .param(OnboardingKeys.hash(a.token())).query(String.class).optional()).isEmpty();
        assertThat(audited(a.application(), "onboarding.link.code", "SUCCESS")).isEqualTo(1);
        assertThat(audited(a.application(), "onboarding.link.confirm", "FAILURE")).isEqualTo(1); // the wrong code
        assertThat(audited(a.application(), "onboarding.link.confirm", "SUCCESS")).isEqualTo(2); // check, code
        // Used up: the link, the check and the code open nothing now.
        assertThat(mvc.perform(get("/apply/resume/" + a.token())).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(code(a.token(), code).getStatus()).isEqualTo(404);
    }

    @Test
    void theCodeAloneOpensNothingWithoutTheCheck() throws Exception {
        Approved a = approved();
        // No check answered, so no code was sent: any code is refused, and the check is asked for.
        MockHttpServletResponse guessed = code(a.token(), "123456");
        assertThat(guessed.getStatus()).isEqualTo(422);
        assertThat(guessed.getContentAsString()).contains("name=\"phoneLastFour\"").contains("id=\"link-error\"");
        assertThat(guessed.getCookie(ApplyPages.COOKIE)).isNull();
    }

    @Test
    void fiveWrongCodesKillTheCodeAndTheCheckSendsAnotherThatWorks() throws Exception {
        Approved a = approved();
        check(a.token(), a.birthDate(), a.lastFour());
        String first = inbox.latestCode(a.application());
        for (int i = 1; i < SetupLinks.CODE_TRIES; i++) {
            assertThat(code(a.token(), other(first)).getStatus()).isEqualTo(422);
        }
        MockHttpServletResponse last = code(a.token(), other(first));
        assertThat(last.getStatus()).isEqualTo(422);
        assertThat(last.getContentAsString()).contains("name=\"phoneLastFour\""); // the check again
        assertThat(code(a.token(), first).getCookie(ApplyPages.COOKIE)).isNull(); // the dead code, even right

        assertThat(check(a.token(), a.birthDate(), a.lastFour()).getRedirectedUrl()).endsWith("/code");
        String second = inbox.latestCode(a.application());
        assertThat(inbox.notices(a.application(), "onboarding-code:")).hasSize(2);
        MockHttpServletResponse right = code(a.token(), second);
        assertThat(right.getRedirectedUrl()).isEqualTo("/apply/" + a.application().id() + "/decision");
    }

    @Test
    void aCodeWorksTenMinutes() throws Exception {
        Approved a = approved();
        check(a.token(), a.birthDate(), a.lastFour());
        String code = inbox.latestCode(a.application());
        later(SetupLinks.CODE_LIFETIME.plusSeconds(1));
        MockHttpServletResponse late = code(a.token(), code);
        assertThat(late.getStatus()).isEqualTo(422);
        assertThat(late.getCookie(ApplyPages.COOKIE)).isNull();
        assertThat(late.getContentAsString()).contains("name=\"phoneLastFour\"").contains("id=\"link-error\"");
    }

    @Test
    void codesSentAtOnceCannotGetPastTheCountOfTries() throws Exception {
        Approved a = approved();
        check(a.token(), a.birthDate(), a.lastFour());
        String wrong = other(inbox.latestCode(a.application()));
        int at = 3 * SetupLinks.CODE_TRIES;
        ExecutorService pool = Executors.newFixedThreadPool(at);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SetupLinks.LinkAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < at; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return links.confirmCode(a.token(), wrong, "test");
                }));
            }
            go.countDown();
            for (Future<SetupLinks.LinkAnswer> answer : answers) {
                assertThat(answer.get().outcome()).isNotEqualTo(SetupLinks.LinkAnswer.Outcome.CONFIRMED);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(audited(a.application(), "onboarding.link.confirm", "FAILURE")).isEqualTo(SetupLinks.CODE_TRIES);
    }

    @Test
    void anExpiredLinkOffersANewOneSentToTheRegisteredContactNeverShown() throws Exception {
        Approved a = approved();
        later(Duration.ofDays(3).plusMinutes(1));
        MockHttpServletResponse expired = mvc.perform(get("/apply/resume/" + a.token())).andReturn().getResponse();
        assertThat(expired.getStatus()).isEqualTo(404);
        assertThat(expired.getContentAsString()).contains("id=\"link-expired\"").contains("id=\"renew\"")
                .doesNotContain(a.application().id());

        MockHttpServletResponse renewed = mvc.perform(post("/apply/resume/" + a.token() + "/renew").with(csrf())
                .with(RemoteAddresses.from(RemoteAddresses.fresh()))).andReturn().getResponse();
        assertThat(renewed.getStatus()).isEqualTo(200);
        assertThat(renewed.getContentAsString()).contains("data-renewal=\"SENT\"")
                .contains("id=\"open-sandbox-inbox\"");
        String fresh = inbox.latestLinkToken(a.application(), "onboarding-link:");
        assertThat(fresh).isNotEqualTo(a.token());
        assertThat(renewed.getContentAsString()).doesNotContain(fresh);
        assertThat(audited(a.application(), "onboarding.link.renew", "SUCCESS")).isEqualTo(1);

        // The new link works as any: the check, the code, the card.
        assertThat(check(fresh, a.birthDate(), a.lastFour()).getRedirectedUrl()).endsWith("/code");
        MockHttpServletResponse right = code(fresh, inbox.latestCode(a.application()));
        assertThat(right.getRedirectedUrl()).isEqualTo("/apply/" + a.application().id() + "/decision");

        // Used: the old expired link offers nothing any more.
        MockHttpServletResponse afterUse = mvc.perform(post("/apply/resume/" + a.token() + "/renew").with(csrf())
                .with(RemoteAddresses.from(RemoteAddresses.fresh()))).andReturn().getResponse();
        assertThat(afterUse.getStatus()).isEqualTo(404);
        assertThat(afterUse.getContentAsString()).contains("id=\"link-spent\"");
        assertThat(inbox.notices(a.application(), "onboarding-link:")).hasSize(1);
    }

    @Test
    void newLinksAreLimitedPerApplication() throws Exception {
        Approved a = approved();
        String expiredToken = a.token();
        for (int i = 0; i < SetupLinks.RENEWALS_PER_DAY; i++) {
            later(Duration.ofDays(3).plusMinutes(1));
            assertThat(links.renew(expiredToken, "test")).isEqualTo(SetupLinks.Renewal.SENT);
            expiredToken = inbox.latestLinkToken(a.application(), "onboarding-link:");
            // Asked again while the new link is live: nothing more is sent.
            assertThat(links.renew(a.token(), "test")).isIn(SetupLinks.Renewal.SENT, SetupLinks.Renewal.NONE);
        }
        assertThat(inbox.notices(a.application(), "onboarding-link:")).hasSize(SetupLinks.RENEWALS_PER_DAY);
        // A link lives 3 days, longer than the day counted: the three are made to look asked for within the day.
        later(Duration.ofDays(3).plusMinutes(1));
        jdbc.sql("UPDATE application_link_sends SET asked_at = ? WHERE application_id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(1))), a.application().id())
                .update();
        MockHttpServletResponse limited = mvc.perform(post("/apply/resume/" + expiredToken + "/renew").with(csrf())
                .with(RemoteAddresses.from(RemoteAddresses.fresh()))).andReturn().getResponse();
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentAsString()).contains("data-renewal=\"LIMITED\"");
        assertThat(inbox.notices(a.application(), "onboarding-link:")).hasSize(SetupLinks.RENEWALS_PER_DAY);
        assertThat(audited(a.application(), "onboarding.link.renew", "FAILURE")).isEqualTo(1);
    }
}
