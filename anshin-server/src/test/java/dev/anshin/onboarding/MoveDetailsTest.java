package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The case page's history detail: each record {@link Applications} stores, in the staff's language. */
class MoveDetailsTest {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasenames("i18n/onboarding-console", "i18n/onboarding", "i18n/ekyc", "i18n/screening");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    private static String words(String detail, Locale locale) {
        return MoveDetails.words(detail, MESSAGES, locale, Instant::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            step ABOUT_YOU                     | ステップ「お客さまについて」を保存               | Step "About you" saved
            without a device observation       | 機器の観測なし                                   | Without a device observation
            verification v-123                 | 本人確認 v-123                                   | Verification v-123
            eKYC PASSED                        | 本人確認の結果：確認済み                         | Identity check: Verified
            decision REFER                     | 自動判定：審査担当者による確認                     | Automatic decision: Referred to review
            failed: SCREEN                     | 審査で技術的なエラー                             | Technical error in screening
            approved 300000/0                  | 付与：ショッピング枠 300,000円、キャッシング枠 0円 | Granted: revolving ¥300,000, cash advance ¥0
            failed 3 times: to staff           | 3回失敗したため担当者確認へ                      | Failed 3 times: sent to staff
            retry ISSUE                        | 再試行：カード発行                               | Retried: card issuance
            the applicant's data erased        | 申込者のデータを消去                             | Applicant data erased
            unfinished since 2026-12-01T00:00:00Z | 2026-12-01T00:00:00Zから未完了                | Unfinished since 2026-12-01T00:00:00Z
            """)
    void aStoredDetailIsShownInTheReadersLanguage(String stored, String japanese, String english) {
        assertThat(words(stored, Locale.JAPANESE)).isEqualTo(japanese);
        assertThat(words(stored, Locale.ENGLISH)).isEqualTo(english);
    }

    @Test
    void noInternalNameIsLeftInTheWords() {
        for (String stored : new String[] {"step WORK_AND_MONEY", "eKYC FAILED", "decision DECLINE", "retry SCREEN",
                "identity FAILED after the referral"}) {
            assertThat(words(stored, Locale.JAPANESE)).doesNotContainPattern("[A-Z_]{4,}");
            assertThat(words(stored, Locale.ENGLISH)).doesNotContainPattern("[A-Z]{2,}_|FAILED|DECLINE|SCREEN");
        }
    }

    @Test
    void aDetailNoPatternKnowsIsShownAsStored() {
        assertThat(words("something new", Locale.JAPANESE)).isEqualTo("something new");
        assertThat(words(null, Locale.ENGLISH)).isEqualTo("—");
    }

    @Test
    void everyFormHasWordsInBothLanguages() {
        for (String key : MoveDetails.keys()) {
            assertThat(MESSAGES.getMessage(key, null, null, Locale.JAPANESE)).as(key).isNotNull();
            assertThat(MESSAGES.getMessage(key, null, null, Locale.ENGLISH)).as(key).isNotNull();
        }
    }
}
