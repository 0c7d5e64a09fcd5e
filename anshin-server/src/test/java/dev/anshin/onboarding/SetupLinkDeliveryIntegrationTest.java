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
import dev.anshin.audit.AuditLog;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.NotificationSender;
import dev.anshin.notifications.SandboxNotificationSender;
import dev.anshin.notifications.TestNotices;
import dev.anshin.notifications.UsageNotification;
import dev.anshin.privacy.PersonalData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a setup link tells its applicant matches what the channel delivered: a code the channel did not take is
 * neither counted against the link nor answerable; a link out of codes offers a new one; "send me a new link"
 * sends the live link when the applicant was never sent it (a renewal whose send failed, a link only the partner
 * holds); each code goes to the channel under an id of its own. A second {@link SetupLinks} over the same beans
 * and database, through a channel the test takes down at will.
 */
class SetupLinkDeliveryIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CREDIT = user("credit-1").roles(Role.CREDIT_OFFICER.name());

    /** The sandbox, unless down. */
    static final class Channel implements NotificationSender {

        private final SandboxNotificationSender sandbox;
        volatile boolean down;

        Channel(SandboxNotificationSender sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public void send(UsageNotification notification) {
            sandbox.send(notification);
        }

        @Override
        public void sendNotice(CardholderNotice notice) throws Failure {
            if (down) {
                throw new Failure("TEST_CHANNEL_DOWN");
            }
            sandbox.sendNotice(notice);
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;

    @Autowired
    ApplicationStore store;

    @Autowired
    OnboardingKeys keys;

    @Autowired
    OnboardingProperties properties;

    @Autowired
    PersonalData personalData;

    @Autowired
    MessageSource messages;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SandboxNotificationSender sandbox;

    @Autowired
    JdbcClient jdbc;

    private SandboxInbox inbox;
    private Channel channel;
    private SetupLinks links;
    private Duration moved = Duration.ZERO;

    @BeforeEach
    void setUp() {
        inbox = new SandboxInbox(sandbox);
        channel = new Channel(sandbox);
        links = new SetupLinks(applications, store, keys, properties, personalData, TestNotices.through(channel),
                messages, audit, transactions, clock);
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

    private record Approved(Application application, String birthDate, String lastFour, String token) {
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
        return new Approved(issued, birthDate, digits.substring(4),
                inbox.latestLinkToken(issued, "onboarding-decision:"));
    }

    private SetupLinks.LinkAnswer.Outcome check(Approved a, String token) {
        return links.confirmLink(token, a.birthDate(), a.lastFour(), "test").outcome();
    }

    private ApplicationStore.Link row(String token) {
        return store.link(OnboardingKeys.hash(token)).orElseThrow();
    }

    private long audited(Application application, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND resource = ? AND outcome = ?")
                .params(action, "application/" + application.id(), outcome).query(Long.class).single();
    }

    @Test
    void aCodeTheChannelDidNotTakeIsNeitherCountedNorAnswerable() throws Exception {
        Approved a = approved();
        channel.down = true;
        for (int i = 0; i <= SetupLinks.CODES_PER_LINK; i++) {
            assertThat(check(a, a.token())).isEqualTo(SetupLinks.LinkAnswer.Outcome.NOT_SENT);
        }
        assertThat(row(a.token()).codesSent()).isZero();
        assertThat(row(a.token()).codeHash()).isNull();
        assertThat(inbox.notices(a.application(), "onboarding-code:")).isEmpty();
        assertThat(audited(a.application(), "onboarding.link.code", "FAILURE"))
                .isEqualTo(SetupLinks.CODES_PER_LINK + 1);

        channel.down = false;
        assertThat(check(a, a.token())).isEqualTo(SetupLinks.LinkAnswer.Outcome.CODE_SENT);
        assertThat(row(a.token()).codesSent()).isEqualTo(1);
        SetupLinks.LinkAnswer right = links.confirmCode(a.token(), inbox.latestCode(a.application()), "test");
        assertThat(right.outcome()).isEqualTo(SetupLinks.LinkAnswer.Outcome.CONFIRMED);
    }

    @Test
    void aLinkOutOfCodesOffersANewOne() throws Exception {
        Approved a = approved();
        for (int i = 0; i < SetupLinks.CODES_PER_LINK; i++) {
            assertThat(check(a, a.token())).isEqualTo(SetupLinks.LinkAnswer.Outcome.CODE_SENT);
        }
        later(SetupLinks.CODE_LIFETIME.minusMinutes(1));
        assertThat(check(a, a.token())).isEqualTo(SetupLinks.LinkAnswer.Outcome.LAST_CODE_LIVE);
        // The page says nothing new was sent and the last code still works, not "we sent a code".
        MockHttpServletResponse last = mvc.perform(post("/apply/resume/" + a.token()).with(csrf())
                .param("dateOfBirth", a.birthDate()).param("phoneLastFour", a.lastFour())
                .param("lang", "en").with(RemoteAddresses.from(RemoteAddresses.fresh())))
                .andReturn().getResponse();
        assertThat(last.getStatus()).isEqualTo(200);
        assertThat(last.getContentAsString()).contains("id=\"last-code\"").contains("still works until")
                .doesNotContain("id=\"code-sent\"");
        assertThat(inbox.notices(a.application(), "onboarding-code:")).hasSize(SetupLinks.CODES_PER_LINK);
        later(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(check(a, a.token())).isEqualTo(SetupLinks.LinkAnswer.Outcome.SPENT);

        MockHttpServletResponse page = mvc.perform(get("/apply/resume/" + a.token())).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getContentAsString()).contains("id=\"renew\"");
        assertThat(links.renew(a.token(), "test")).isEqualTo(SetupLinks.Renewal.SENT);
        String fresh = inbox.latestLinkToken(a.application(), "onboarding-link:");
        assertThat(fresh).isNotEqualTo(a.token());
        assertThat(check(a, fresh)).isEqualTo(SetupLinks.LinkAnswer.Outcome.CODE_SENT);
    }

    @Test
    void aRenewalWhoseSendFailedIsSentWhenAskedAgain() throws Exception {
        Approved a = approved();
        later(Duration.ofDays(3).plusMinutes(1));
        channel.down = true;
        assertThat(links.renew(a.token(), "test")).isEqualTo(SetupLinks.Renewal.NOT_SENT);
        assertThat(inbox.notices(a.application(), "onboarding-link:")).isEmpty();

        channel.down = false;
        assertThat(links.renew(a.token(), "test")).isEqualTo(SetupLinks.Renewal.SENT);
        String sent = inbox.latestLinkToken(a.application(), "onboarding-link:");
        assertThat(applications.linkTarget(sent)).isPresent();
        // Sent now: asked again, nothing more goes out.
        assertThat(links.renew(a.token(), "test")).isEqualTo(SetupLinks.Renewal.SENT);
        assertThat(inbox.notices(a.application(), "onboarding-link:")).hasSize(1);
    }

    @Test
    void aLiveLinkOnlyThePartnerHoldsIsSentToTheApplicant() throws Exception {
        Approved a = approved();
        later(Duration.ofDays(3).plusMinutes(1));
        // The partner's status read makes a new link, which only the partner has.
        Applications.SetupLink partners = applications.setupLink(a.application()).orElseThrow();

        assertThat(links.renew(a.token(), "test")).isEqualTo(SetupLinks.Renewal.SENT);
        assertThat(inbox.latestLinkToken(a.application(), "onboarding-link:")).isEqualTo(partners.token());
        assertThat(audited(a.application(), "onboarding.link.renew", "SUCCESS")).isEqualTo(1);
    }

    @Test
    void eachCodeGoesToTheChannelUnderAnIdOfItsOwn() throws Exception {
        Approved a = approved();
        int at = SetupLinks.CODES_PER_LINK;
        ExecutorService pool = Executors.newFixedThreadPool(at);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SetupLinks.LinkAnswer.Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < at; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return check(a, a.token());
                }));
            }
            go.countDown();
            for (Future<SetupLinks.LinkAnswer.Outcome> answer : answers) {
                assertThat(answer.get()).isEqualTo(SetupLinks.LinkAnswer.Outcome.CODE_SENT);
            }
        } finally {
            pool.shutdown();
        }
        List<String> ids = inbox.notices(a.application(), "onboarding-code:").stream().map(CardholderNotice::id)
                .toList();
        assertThat(ids).hasSize(at);
        assertThat(new HashSet<>(ids)).hasSize(at);
        // The id names the code the link holds now (a prefix of its keyed hash), not a count read meanwhile.
        String stored = row(a.token()).codeHash();
        assertThat(ids).anySatisfy(id -> assertThat(id).endsWith("/" + stored.substring(0, 16)));
    }
}
