package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The disclosure's bundle: Japanese and English say the same things, Japanese in full-width brackets. */
class DisclosureTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/disclosure_ja.properties");
        Properties en = load("/i18n/disclosure_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/disclosure.properties")).isEqualTo(ja);
        assertThat(ja.values()).allSatisfy(text -> assertThat((String) text).doesNotContain("(", ")"));
    }

    @Test
    void countsReadNaturallyInBothLanguages() throws IOException {
        Properties ja = load("/i18n/disclosure_ja.properties");
        Properties en = load("/i18n/disclosure_en.properties");
        assertThat(format(ja, "disclosure.count", Locale.JAPANESE, 1234)).isEqualTo("1,234件");
        assertThat(format(en, "disclosure.count", Locale.ENGLISH, 0)).isEqualTo("none");
        assertThat(format(en, "disclosure.count", Locale.ENGLISH, 1)).isEqualTo("1 item");
        assertThat(format(en, "disclosure.count", Locale.ENGLISH, 1234)).isEqualTo("1,234 items");
        assertThat(format(ja, "disclosure.more", Locale.JAPANESE, 21, 120, 130)).isEqualTo("21〜120件目を表示（全130件）");
    }

    private static String format(Properties bundle, String key, Locale locale, Object... arguments) {
        return new MessageFormat(bundle.getProperty(key), locale).format(arguments);
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(DisclosureTextsTest.class.getResourceAsStream(path),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
