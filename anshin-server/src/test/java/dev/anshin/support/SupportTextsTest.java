package dev.anshin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The support window's bundle: Japanese and English say the same things, and every kind, topic, status and refusal has its words. */
class SupportTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/support_ja.properties");
        Properties en = load("/i18n/support_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/support.properties")).isEqualTo(ja);
    }

    @Test
    void everyKindTopicStatusOutcomeAndRefusalHasItsWords() throws IOException {
        Properties ja = load("/i18n/support_ja.properties");
        for (SupportKind kind : SupportKind.values()) {
            assertThat(ja).containsKey("support.kind." + kind.name());
        }
        for (SupportTopic topic : SupportTopic.values()) {
            assertThat(ja).containsKey("support.topic." + topic.name());
        }
        for (BookingStatus status : BookingStatus.values()) {
            assertThat(ja).containsKey("support.status." + status.name());
            BookingStatus.staffOutcome(status.name())
                    .ifPresent(outcome -> assertThat(ja).containsKey("support.outcome." + outcome.name()));
        }
        for (SupportRefused.Reason reason : SupportRefused.Reason.values()) {
            assertThat(ja).containsKey(new SupportRefused(reason).messageKey());
        }
        for (SupportReminders.Reminder reminder : SupportReminders.Reminder.values()) {
            assertThat(ja).containsKey("support.reminder." + reminder.name());
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(SupportTextsTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
