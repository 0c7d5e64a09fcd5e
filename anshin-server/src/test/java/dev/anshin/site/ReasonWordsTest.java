package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Reason;
import dev.anshin.scoring.features.FeatureEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every feature the scoring core can give as a reason has words in Japanese and in English, with its
 * value in its unit; rules are told in words too. A feature added to the core without its messages
 * fails here.
 */
class ReasonWordsTest {

    private static final ReasonWords WORDS = new ReasonWords(messages());

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/messages", "i18n/console");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReasonWordsTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Reason feature(String name, String value) {
        return new Reason(Reason.Kind.FEATURE, name, name + "=" + value, 0.5);
    }

    @Test
    void everyFeatureOfTheScoringCoreHasAUnitAndASentenceAndANameInJapaneseAndEnglish() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String bundleName : List.of("console", "console_ja", "console_en")) {
            Properties bundle = bundle(bundleName);
            for (String feature : FeatureEngine.schema().names()) {
                for (String key : List.of("console.feature." + feature, "console.feature." + feature + ".label")) {
                    if (bundle.getProperty(key, "").isBlank()) {
                        missing.add(bundleName + ": " + key);
                    }
                }
            }
        }
        List<String> withoutUnit = FeatureEngine.schema().names().stream()
                .filter(name -> !ReasonWords.UNITS.containsKey(name)).toList();
        assertThat(withoutUnit).as("features without a unit in ReasonWords.UNITS").isEmpty();
        assertThat(missing).as("features without messages").isEmpty();
        assertThat(ReasonWords.UNITS.keySet()).as("units of features the core no longer computes")
                .containsExactlyInAnyOrderElementsOf(FeatureEngine.schema().names());
    }

    @Test
    void theThreeBundlesHaveTheSameKeys() throws IOException {
        assertThat(bundle("console_ja").keySet()).isEqualTo(bundle("console").keySet());
        assertThat(bundle("console_en").keySet()).isEqualTo(bundle("console").keySet());
    }

    @Test
    void everyFeatureReadsAsWordsWithItsValueInBothLanguages() {
        for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            for (String feature : FeatureEngine.schema().names()) {
                for (String value : List.of("0", "1", "3", "0.25", "75", "12345", "missing")) {
                    String words = WORDS.words(feature(feature, value), "JPY", locale);
                    assertThat(words).as(feature + "=" + value + " in " + locale)
                            .doesNotContain(feature).doesNotContain("console.").doesNotContain("{").isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}={1} ({2}, {3}): {4}")
    @CsvSource(delimiter = '|', textBlock = """
            card_tx_count_30d                   | 75      | JPY | ja | このカードの直近30日の利用 75件
            card_tx_count_30d                   | 75      | JPY | en | 75 uses of this card in the last 30 days
            card_tx_count_1h                    | 1       | JPY | en | 1 use of this card in the last hour
            amount                              | 98000   | JPY | ja | この利用の金額 98,000円
            amount                              | 98000   | JPY | en | Amount of this transaction: ¥98,000
            card_mean_amount_7d                 | 12.5    | USD | en | Average amount of this card in the last 7 days: USD 12.50
            terminal_fraud_ratio_7d             | 0.125   | JPY | ja | この端末の結果が判明済みの直近7日間の不正率 12.5%
            card_amount_ratio_30d               | 4.25    | JPY | en | 4.25 times the average amount of this card in the previous 30 days
            card_seconds_since_previous         | 90      | JPY | ja | このカードの前回の利用から 1分
            card_seconds_since_previous         | 259200  | JPY | en | 3 days since the previous use of this card
            card_first_terminal_use             | 1       | JPY | ja | このカードでこの端末を初めて利用
            is_ecommerce                        | 0       | JPY | en | Not e-commerce
            pos_entry_code                      | 81      | JPY | ja | カード情報の入力方法: ネット通販
            terminal_days_since_latest_fraud_60d | 2.5   | JPY | en | 2.5 days since the latest fraud at this terminal in the last 60 days
            card_amount_ratio_to_median_30d     | missing | JPY | ja | 直近30日の利用額の中央値に対する倍率（履歴なし）: 値なし
            """)
    void countsAmountsSharesDurationsAndFlagsReadInTheirUnits(String feature, String value, String currency,
            String language, String expected) {
        assertThat(WORDS.words(feature(feature, value), currency, Locale.forLanguageTag(language))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ({2}): {3}")
    @CsvSource(delimiter = '|', textBlock = """
            card-blocked   | The card is blocked.  | ja | このカードは利用停止中です
            watch-terminal | Terminal under watch  | ja | ルール「watch-terminal」に該当: Terminal under watch
            watch-terminal | Terminal under watch  | en | Rule \u201cwatch-terminal\u201d matched: Terminal under watch
            """)
    void rulesReadAsWords(String rule, String description, String language, String expected) {
        assertThat(WORDS.words(new Reason(Reason.Kind.RULE, rule, description, 1), "JPY",
                Locale.forLanguageTag(language))).isEqualTo(expected);
    }

    @Test
    void aFeatureThisConsoleDoesNotKnowIsShownAsWritten() {
        assertThat(WORDS.words(feature("some_future_feature", "3"), "JPY", Locale.JAPANESE))
                .isEqualTo("some_future_feature=3");
    }
}
