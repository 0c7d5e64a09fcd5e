package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The sandbox inbox exists only while the sandbox sender is the sender in use: not without the setting, not when
 * the issuer's own sender is the primary one; its addresses name no customer and show one person's notices.
 */
class SandboxInboxesTest {

    @Configuration
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Properties {
    }

    @Configuration
    static class IssuersSender {
        @Bean
        @Primary
        NotificationSender issuers() {
            return notification -> {
            };
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, SandboxNotificationSender.class, SandboxInboxes.class);

    @Test
    void withoutTheSandboxSenderThereIsNoInbox() {
        context.run(started -> {
            assertThat(started.getBean(SandboxInboxes.class).open()).isFalse();
            assertThat(started.getBean(SandboxInboxes.class).address("CUST-1")).isEmpty();
        });
    }

    @Test
    void withTheIssuersSenderInUseThereIsNoInboxEvenWithTheSetting() {
        context.withPropertyValues("anshin.notifications.sandbox-sender=true")
                .withUserConfiguration(IssuersSender.class)
                .run(started -> {
                    assertThat(started).hasSingleBean(SandboxNotificationSender.class);
                    assertThat(started.getBean(SandboxInboxes.class).open()).isFalse();
                    assertThat(started.getBean(SandboxInboxes.class).address("CUST-1")).isEmpty();
                });
    }

    @Test
    void withTheSandboxSenderEachPersonHasAnAddressOfTheirOwnThatNamesNoOne() {
        context.withPropertyValues("anshin.notifications.sandbox-sender=true").run(started -> {
            SandboxInboxes inboxes = started.getBean(SandboxInboxes.class);
            String first = inboxes.address("CUST-1").orElseThrow();
            assertThat(first).startsWith(SandboxInboxes.PATH + "/").doesNotContain("CUST-1");
            assertThat(inboxes.address("CUST-2").orElseThrow()).isNotEqualTo(first);
            assertThat(inboxes.address("CUST-1")).contains(first);
        });
    }

    @Test
    void anInboxShowsOnlyItsPersonsNoticesNewestFirst() throws Exception {
        SandboxNotificationSender sandbox = new SandboxNotificationSender();
        sandbox.sendNotice(new CardholderNotice("n1", "CUST-1", "一", "one", List.of()));
        sandbox.sendNotice(new CardholderNotice("n2", "CUST-2", "二", "two", List.of()));
        sandbox.sendNotice(new CardholderNotice("n3", "CUST-1", "三", "three", List.of()));

        assertThat(sandbox.inbox(sandbox.inboxKey("CUST-1"))).extracting(d -> d.notice().id())
                .containsExactly("n3", "n1");
        assertThat(sandbox.inbox("A".repeat(SandboxNotificationSender.KEY_LENGTH))).isEmpty();
        assertThat(sandbox.inbox("short")).isEmpty();
    }

    @Test
    void aNoticesLinksAreCutOutOfItsTextAndNothingElse() {
        String link = "http://localhost:8080/apply/resume/abc123";
        assertThat(SandboxInboxPage.pieces("新しいリンク：" + link + "（48時間有効）", List.of(link, "abc123")))
                .containsExactly(new SandboxInboxPage.Piece("新しいリンク：", false),
                        new SandboxInboxPage.Piece(link, true), new SandboxInboxPage.Piece("（48時間有効）", false));
        assertThat(SandboxInboxPage.pieces("コード 123456", List.of("123456")))
                .containsExactly(new SandboxInboxPage.Piece("コード 123456", false));
    }
}
