package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The screening bundle: Japanese and English say the same things, and every code has its words. */
class ScreeningTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/screening_ja.properties");
        Properties en = load("/i18n/screening_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/screening.properties")).isEqualTo(ja);
    }

    @Test
    void everyReasonHasWordsForStaffAndForTheApplicantInBothLanguages() throws IOException {
        for (String bundle : new String[] {"/i18n/screening_ja.properties", "/i18n/screening_en.properties"}) {
            Properties words = load(bundle);
            for (ReasonCode reason : ReasonCode.values()) {
                assertThat(words.getProperty(reason.staffMessageKey())).as(bundle + " " + reason).isNotBlank();
                assertThat(words.getProperty(reason.applicantMessageKey())).as(bundle + " " + reason)
                        .isNotBlank()
                        .isNotEqualTo(words.getProperty(reason.staffMessageKey()));
            }
            for (ScreeningOutcome outcome : ScreeningOutcome.values()) {
                assertThat(words).containsKey(outcome.messageKey());
            }
            for (Requirement requirement : Requirement.values()) {
                assertThat(words).containsKey(requirement.messageKey());
            }
            for (ProposalReason reason : ProposalReason.values()) {
                assertThat(words).containsKey(reason.messageKey());
            }
            for (Housing housing : Housing.values()) {
                assertThat(words).containsKey(housing.messageKey());
            }
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(ScreeningTextsTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
