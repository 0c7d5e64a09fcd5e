package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class EkycTextsTest {

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = EkycTextsTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theBundlesHaveTheSameKeysAndTheDefaultIsJapanese() throws Exception {
        Properties ja = load("/i18n/ekyc_ja.properties");
        Properties en = load("/i18n/ekyc_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames());
        assertThat(load("/i18n/ekyc.properties")).isEqualTo(ja);
    }

    @Test
    void everyCodeHasItsWordsInBothLanguages() throws Exception {
        List<String> keys = new ArrayList<>();
        for (EkycReason reason : EkycReason.values()) {
            keys.add("ekyc.reason." + reason.name() + ".staff");
            keys.add("ekyc.reason." + reason.name() + ".applicant");
        }
        for (EkycMethod method : EkycMethod.values()) {
            keys.add("ekyc.method." + method.name());
        }
        for (EkycStatus status : EkycStatus.values()) {
            keys.add("ekyc.status." + status.name());
        }
        for (EkycOutcome outcome : EkycOutcome.values()) {
            keys.add("ekyc.outcome." + outcome.name());
        }
        for (DocumentType document : DocumentType.values()) {
            keys.add("ekyc.document." + document.name());
        }
        for (SandboxScenario scenario : SandboxScenario.values()) {
            keys.add("ekyc.sandbox.scenario." + scenario.name());
        }
        for (EkycMethod method : EkycMethod.values()) {
            keys.add("ekyc.sandbox.method.hint." + method.name());
            keys.add("ekyc.sandbox.capture.steps." + method.name());
        }
        Properties ja = load("/i18n/ekyc_ja.properties");
        assertThat(keys).allMatch(ja::containsKey);
    }

    @Test
    void theApplicantsWordsNeverShowAScore() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/ekyc");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        EkycTexts texts = new EkycTexts(source);
        for (EkycReason reason : EkycReason.values()) {
            for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
                String words = texts.applicantReason(reason, locale);
                assertThat(words).as(reason + " " + locale).isNotEqualTo(reason.name()).doesNotContainPattern("[0-9]\\.[0-9]");
                assertThat(texts.staffReason(reason, locale)).isNotEqualTo(words);
            }
        }
        assertThat(texts.applicantReason(EkycReason.FACE_MISMATCH, Locale.ENGLISH))
                .isEqualTo("We could not match your face with the photo on your identity document.");
    }
}
