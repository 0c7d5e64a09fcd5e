package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class DisputeTextsTest {

    @Test
    void everyFindingStatusAndActionHasWordsInBothLanguages() throws Exception {
        Properties ja = load("/i18n/disputes_ja.properties");
        Properties en = load("/i18n/disputes_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames());
        assertThat(load("/i18n/disputes.properties")).isEqualTo(ja);
        Set<String> codes = new TreeSet<>();
        Matcher m = Pattern.compile("Finding\\.of\\(\"([a-z-]+)\"").matcher(Files.readString(
                Path.of("src/main/java/dev/anshin/disputes/Investigator.java")));
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertThat(codes).hasSizeGreaterThan(20);
        for (String code : codes) {
            assertThat(ja).containsKey("dispute.finding." + code);
        }
        for (DisputeStatus status : DisputeStatus.values()) {
            assertThat(ja).containsKey("dispute.status." + status.name());
        }
        for (DisputeAction action : DisputeAction.values()) {
            assertThat(ja).containsKey("dispute.action." + action.name());
        }
    }

    @Test
    void aFindingIsToldWithItsParameters() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/disputes");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        DisputeTexts texts = new DisputeTexts(source);
        Finding finding = new Finding("merchant-earlier", -2, Map.of("count", "3", "since", "2026-08-01"));
        assertThat(texts.finding(finding, Locale.ENGLISH))
                .isEqualTo("You made 3 undisputed purchases at this merchant since 2026-08-01.");
        assertThat(texts.finding(finding, Locale.JAPANESE)).contains("2026-08-01 以降に 3 回");
        assertThat(texts.status(DisputeStatus.CHARGEBACK_FILED, Locale.JAPANESE)).isEqualTo("加盟店へ返金請求中");
    }

    private static Properties load(String resource) throws Exception {
        Properties p = new Properties();
        try (InputStream in = DisputeTextsTest.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theAutomaticInvestigationsNotesAreToldInTheReadersLanguageAndAPersonsNoteAsWritten() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/disputes");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        DisputeTexts texts = new DisputeTexts(source);
        assertThat(texts.note(Party.INVESTIGATOR, "card blocked, replacement ****7532, credited", Locale.JAPANESE))
                .isEqualTo("カードを利用停止、再発行カード ****7532、仮返金済み");
        assertThat(texts.note(Party.INVESTIGATOR, "card blocked, replacement ****7532, credited", Locale.ENGLISH))
                .isEqualTo("card blocked, replacement card ****7532, provisionally credited");
        assertThat(texts.note(Party.INVESTIGATOR, "card blocked, no replacement", Locale.JAPANESE))
                .isEqualTo("カードを利用停止、再発行なし");
        assertThat(texts.note(Party.INVESTIGATOR, "weight 2", Locale.JAPANESE)).isEqualTo("自動調査の結果（重みの合計 2）");
        assertThat(texts.note(Party.INVESTIGATOR, "weight -3", Locale.ENGLISH))
                .isEqualTo("Automatic investigation (total weight -3)");
        assertThat(texts.note(Party.INVESTIGATOR, "for an analyst: the filing window has closed", Locale.JAPANESE))
                .isEqualTo("担当者へ: チャージバックの申立期限を過ぎています");
        assertThat(texts.note(Party.ANALYST, "weight 2", Locale.JAPANESE)).isEqualTo("weight 2");
    }
}
