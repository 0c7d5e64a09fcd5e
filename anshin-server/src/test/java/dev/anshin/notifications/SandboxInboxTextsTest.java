package dev.anshin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sandbox inbox's bundle: Japanese and English say the same things, the default is Japanese, in full-width （）. */
class SandboxInboxTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/sandbox-inbox_ja.properties");
        Properties en = load("/i18n/sandbox-inbox_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/sandbox-inbox.properties")).isEqualTo(ja);
        assertThat(ja.values()).allSatisfy(text -> assertThat((String) text).doesNotContain("(").doesNotContain(")"));
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(SandboxInboxTextsTest.class.getResourceAsStream(path),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
