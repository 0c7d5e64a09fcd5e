package dev.anshin.voice.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.voice.Channel;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The voice workbench's bundle: Japanese and English say the same things, every label and refusal has its words,
 * every key the pages ask for exists, and Japanese uses full-width parentheses.
 */
class WorkbenchTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/voice-workbench_ja.properties");
        assertThat(load("/i18n/voice-workbench_en.properties").keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/voice-workbench.properties")).isEqualTo(ja);
    }

    @Test
    void everyLabelHasItsWordsInTheOneVoiceBundleAndNoCopyHere() throws IOException {
        for (String bundle : new String[] {"/i18n/voice_ja.properties", "/i18n/voice_en.properties"}) {
            Properties labels = load(bundle);
            Stream.of(Kind.values()).forEach(k -> assertThat(labels).containsKey("voice.kind." + k));
            Stream.of(Topic.values()).forEach(t -> assertThat(labels).containsKey("voice.topic." + t));
            Stream.of(Sentiment.values()).forEach(s -> assertThat(labels).containsKey("voice.sentiment." + s));
            Stream.of(Channel.values()).forEach(c -> assertThat(labels).containsKey("voice.channel." + c));
        }
        assertThat(load("/i18n/voice-workbench_ja.properties").keySet()).noneMatch(
                k -> k.toString().matches("voice\\.(kind|topic|sentiment|channel|source)\\.[A-Z_]+"));
    }

    @Test
    void everyRefusalAndCaptionHasItsWords() throws IOException {
        Properties ja = load("/i18n/voice-workbench_ja.properties");
        Stream.of(WorkbenchRefused.Reason.values())
                .forEach(r -> assertThat(ja).containsKey(new WorkbenchRefused(r, "x").messageKey()));
        Stream.of(VoiceDashboard.Period.values())
                .forEach(p -> assertThat(ja).containsKey("voice.workbench.dash.caption." + p));
    }

    /** The voice pages read the voice bundles together (spring.messages.basename): every key asked for is in one. */
    @Test
    void everyKeyThePagesAskForIsThere() throws IOException {
        Properties ja = new Properties();
        for (String bundle : new String[] {"voice", "voice-analysis", "voice-workbench", "voice-review",
                "voice-import"}) {
            ja.putAll(load("/i18n/" + bundle + "_ja.properties"));
        }
        Pattern key = Pattern.compile("#\\{(voice\\.[A-Za-z0-9.\\-]+)");
        try (Stream<Path> pages = Files.list(Path.of("src/main/resources/templates/voice"))) {
            for (Path page : pages.toList()) {
                Matcher m = key.matcher(Files.readString(page));
                while (m.find()) {
                    assertThat(ja).as(page.getFileName().toString()).containsKey(m.group(1));
                }
            }
        }
    }

    @Test
    void japaneseUsesFullWidthParentheses() throws IOException {
        load("/i18n/voice-workbench_ja.properties").forEach((k, v) ->
                assertThat(v.toString()).as(k.toString()).doesNotContain("(").doesNotContain(")"));
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(WorkbenchTextsTest.class.getResourceAsStream(path),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
