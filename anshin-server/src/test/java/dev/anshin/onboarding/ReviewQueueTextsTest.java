package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The review queue's bundle: Japanese and English say the same things, every code the pages word has its
 * words, and every key the pages and their controller name is in the bundle.
 */
class ReviewQueueTextsTest {

    private static final Pattern KEY = Pattern.compile("onboarding\\.console\\.[a-z][A-Za-z0-9_.-]*[A-Za-z0-9_](?![A-Za-z0-9_.-])");

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/onboarding-console_ja.properties");
        Properties en = load("/i18n/onboarding-console_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/onboarding-console.properties")).isEqualTo(ja);
    }

    @Test
    void everyCodeThePagesShowHasWordsInBothLanguages() throws IOException {
        for (String bundle : new String[] {"/i18n/onboarding-console_ja.properties",
                "/i18n/onboarding-console_en.properties"}) {
            Properties words = load(bundle);
            for (ApplicationAction action : ApplicationAction.values()) {
                assertThat(words).containsKey("onboarding.console.action." + action.name());
            }
            for (ApplicationParty party : ApplicationParty.values()) {
                assertThat(words).containsKey("onboarding.console.party." + party.name());
            }
            for (Channel channel : Channel.values()) {
                assertThat(words).containsKey("onboarding.console.channel." + channel.name());
            }
            for (RiskReason.Effect effect : RiskReason.Effect.values()) {
                assertThat(words).containsKey("onboarding.console.effect." + effect.name());
            }
            for (ReasonKind kind : ReasonKind.values()) {
                assertThat(words).containsKey(kind.messageKey()).containsKey(kind.shortMessageKey());
            }
            for (String step : new String[] {Applications.SCREEN, Applications.ISSUE}) {
                assertThat(words).containsKey("onboarding.console.failed-step." + step);
            }
            for (ReviewTarget.Standing standing : ReviewTarget.Standing.values()) {
                assertThat(words).containsKey(standing.messageKey());
            }
        }
    }

    @Test
    void everyKeyThePagesAndTheirControllerNameIsInTheBundle() throws IOException {
        Properties ja = load("/i18n/onboarding-console_ja.properties");
        TreeSet<String> named = new TreeSet<>();
        for (Path source : new Path[] {Path.of("src/main/resources/templates/onboarding/review-queue.html"),
                Path.of("src/main/resources/templates/onboarding/review-case.html"),
                Path.of("src/main/java/dev/anshin/onboarding/ReviewQueuePages.java")}) {
            Matcher keys = KEY.matcher(Files.readString(source));
            while (keys.find()) {
                named.add(keys.group());
            }
        }
        // Keys built from a code ("…action." + name) end in a dot and are not matched; the test above covers them.
        assertThat(named).hasSizeGreaterThan(50);
        assertThat(named.stream().filter(key -> !ja.containsKey(key)).toList()).as("keys not in the bundle").isEmpty();
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(ReviewQueueTextsTest.class.getResourceAsStream(path),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
