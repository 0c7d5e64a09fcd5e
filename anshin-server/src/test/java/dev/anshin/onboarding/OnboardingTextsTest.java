package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OnboardingTextsTest {

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = OnboardingTextsTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theBundlesHaveTheSameKeysAndTheDefaultIsJapanese() throws Exception {
        Properties ja = load("/i18n/onboarding_ja.properties");
        Properties en = load("/i18n/onboarding_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames());
        assertThat(load("/i18n/onboarding.properties")).isEqualTo(ja);
    }

    @Test
    void theNoticeBundlesHaveTheSameKeysAndTheDefaultIsJapanese() throws Exception {
        Properties ja = load("/i18n/onboarding-notices_ja.properties");
        Properties en = load("/i18n/onboarding-notices_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames())
                .contains("onboarding.notice.approved", "onboarding.notice.declined", "onboarding.start.decided");
        assertThat(load("/i18n/onboarding-notices.properties")).isEqualTo(ja);
        assertThat(ja.getProperty("onboarding.notice.approved")).contains("{0}").contains("{1}").contains("（");
        assertThat(en.getProperty("onboarding.notice.approved")).contains("{0}").contains("{1}");
    }

    @Test
    void everyCodeHasItsWordsInBothLanguages() throws Exception {
        List<String> keys = new ArrayList<>();
        for (RiskReason reason : RiskReason.values()) {
            keys.add(reason.staffMessageKey());
            keys.add(reason.applicantMessageKey());
        }
        for (ApplicationStatus status : ApplicationStatus.values()) {
            keys.add(status.messageKey());
        }
        for (ApplicationOutcome outcome : ApplicationOutcome.values()) {
            keys.add(outcome.messageKey());
        }
        for (ApplicationStep step : ApplicationStep.values()) {
            keys.add(step.messageKey());
        }
        for (String code : List.of("required", "malformed", "too-long", "kana", "date", "future", "under-18", "too-old",
                "phone", "email", "number", "negative", "too-large", "household", "housing", "below-minimum",
                "limit-step", "consent", "text")) {
            keys.add(new FieldError("x", code).messageKey());
            assertThat(new FieldError("x", code).englishText()).as(code).isNotEqualTo("is invalid");
        }
        for (String lang : List.of("ja", "en")) {
            Properties bundle = load("/i18n/onboarding_" + lang + ".properties");
            assertThat(keys).as(lang).allMatch(bundle::containsKey);
        }
    }

    @Test
    void japaneseTextUsesFullWidthBrackets() throws Exception {
        Properties ja = load("/i18n/onboarding_ja.properties");
        for (String key : ja.stringPropertyNames()) {
            assertThat(ja.getProperty(key)).as(key).doesNotContain("(").doesNotContain(")");
        }
    }
}
