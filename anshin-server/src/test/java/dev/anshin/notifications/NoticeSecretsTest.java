package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A notice's secrets (a setup link, a one-time code) reach the cardholder's channel whole and never a log line;
 * the sandbox sender is there only when chosen (the demo, the tests), never a production default.
 */
class NoticeSecretsTest {

    private static final String LINK = "https://anshin.example/apply/resume/Zx9secretTokenValue";
    private static final String CODE = "482913";

    private static CardholderNotice notice() {
        return new CardholderNotice("onboarding-code:APP-1#1/1", "CUST-1",
                "確認コード：" + CODE + "、リンク：" + LINK, "Code " + CODE + ", link " + LINK, List.of(CODE, LINK));
    }

    @Test
    void aNoticesSecretsAreMaskedInWhatMayBeLoggedAndNotInWhatIsDelivered() {
        CardholderNotice notice = notice();
        assertThat(notice.masked(notice.textEn())).doesNotContain(CODE).doesNotContain("Zx9secretTokenValue")
                .contains(CardholderNotice.MASK);
        assertThat(notice.textEn()).contains(CODE).contains(LINK);
        assertThat(notice.toString()).doesNotContain(CODE).doesNotContain("Zx9secretTokenValue");
        assertThat(new CardholderNotice("n", "c", "a", "b").masked("a")).isEqualTo("a");
    }

    @Test
    void theSandboxSenderLogsTheNoticeMaskedAndKeepsItWholeInItsInbox() {
        Logger sandboxLog = (Logger) LoggerFactory.getLogger("dev.anshin.notifications.sandbox");
        Level before = sandboxLog.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        sandboxLog.addAppender(logged);
        sandboxLog.setLevel(Level.DEBUG);
        try {
            SandboxNotificationSender sandbox = new SandboxNotificationSender();
            sandbox.sendNotice(notice());
            assertThat(logged.list).hasSize(1);
            assertThat(logged.list.get(0).getFormattedMessage()).contains("onboarding-code:APP-1#1/1")
                    .doesNotContain(CODE).doesNotContain("Zx9secretTokenValue");
            assertThat(sandbox.noticesTo("CUST-1")).singleElement()
                    .satisfies(n -> assertThat(n.textJa()).contains(CODE).contains(LINK));
            assertThat(sandbox.noticesTo("CUST-2")).isEmpty();
        } finally {
            sandboxLog.detachAppender(logged);
            sandboxLog.setLevel(before);
        }
    }

    @Configuration
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, SandboxNotificationSender.class, CardholderNotices.class);

    @Test
    void withoutASettingThereIsNoSandboxSenderAndNoticesAreNotSent() {
        context.run(started -> {
            assertThat(started).doesNotHaveBean(NotificationSender.class);
            assertThat(started.getBean(NotificationProperties.class).sandboxSender()).isFalse();
            CardholderNotices notices = started.getBean(CardholderNotices.class);
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(CardholderNotices.NotSent.class,
                    () -> notices.send(notice())).code()).isEqualTo("NO_SENDER");
        });
    }

    @Test
    void theSandboxSenderIsThereOnlyWhenChosen() {
        context.withPropertyValues("anshin.notifications.sandbox-sender=true")
                .run(started -> assertThat(started).hasSingleBean(SandboxNotificationSender.class));
    }
}
