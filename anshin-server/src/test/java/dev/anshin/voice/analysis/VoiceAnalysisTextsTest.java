package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The classifier page's bundle: Japanese and English say the same things; every label and status has its words. */
class VoiceAnalysisTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/voice-analysis_ja.properties");
        Properties en = load("/i18n/voice-analysis_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/voice-analysis.properties")).isEqualTo(ja);
    }

    @Test
    void everyLabelHasItsWordsInTheOneVoiceBundleAndNoCopyHere() throws IOException {
        for (String bundle : new String[] {"/i18n/voice_ja.properties", "/i18n/voice_en.properties"}) {
            Properties labels = load(bundle);
            for (Kind kind : Kind.values()) {
                assertThat(labels).containsKey("voice.kind." + kind.name());
            }
            for (Topic topic : Topic.values()) {
                assertThat(labels).containsKey("voice.topic." + topic.name());
            }
            for (Sentiment sentiment : Sentiment.values()) {
                assertThat(labels).containsKey("voice.sentiment." + sentiment.name());
            }
        }
        assertThat(load("/i18n/voice-analysis_ja.properties").keySet()).noneMatch(
                k -> k.toString().matches("voice\\.(analysis\\.)?(kind|topic|sentiment|channel|source)\\.[A-Z_]+"));
    }

    @Test
    void everyStatusHasItsWords() throws IOException {
        Properties ja = load("/i18n/voice-analysis_ja.properties");
        for (VoiceModels.Status status : VoiceModels.Status.values()) {
            assertThat(ja).containsKey("voice.analysis.status." + status.name());
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(VoiceAnalysisTextsTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
