package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The redactor's masks and the words it must leave alone. */
class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void masksCardNumbersInHalfAndFullWidthDigits() {
        assertThat(redactor.redact("カード番号は4111 1111 1111 1111です").text()).isEqualTo("カード番号は［カード番号］です");
        assertThat(redactor.redact("番号：４１１１−１１１１−１１１１−１１１１").text()).isEqualTo("番号：［カード番号］");
        assertThat(redactor.redact("5500000000000004で払った").count(Mask.CARD_NUMBER)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111.1111.1111.1111", "4111/1111/1111/1111", "4111 - 1111 - 1111 - 1111",
            "4111  1111  1111  1111", "4111\n1111\n1111\n1111", "4111、1111、1111、1111", "4111_1111_1111_1111",
            "4111\u200B1111\u200B1111\u200B1111", "41\u00AD11 1111 1111 1111", "４１１１．１１１１．１１１１．１１１１",
            "4111\r\n1111\r\n1111\r\n1111", "4111 ー 1111 ー 1111 ー 1111"})
    void masksCardNumbersHoweverTheyAreSeparated(String card) {
        Redaction r = redactor.redact("番号は" + card + "です");
        assertThat(r.text()).isEqualTo("番号は［カード番号］です");
        assertThat(r.count(Mask.CARD_NUMBER)).isEqualTo(1);
    }

    @Test
    void dropsInvisibleCharactersAndMasksPhonesWithDots() {
        assertThat(redactor.redact("090.1234.5678に").text()).isEqualTo("［電話番号］に");
        assertThat(redactor.redact("０９０．１２３４．５６７８に").text()).isEqualTo("［電話番号］に");
        assertThat(redactor.redact("090\u200B1234\u200B5678に").text()).isEqualTo("［電話番号］に");
        assertThat(redactor.redact("山\u200B田様").text()).isEqualTo("［氏名］様");
        assertThat(redactor.redact("ab\u202Ecd\uFEFF").text()).isEqualTo("abcd");
    }

    @Test
    void aMaskIsAtMostFourCharactersLongerThanWhatItReplaces() {
        String names = "A様".repeat(1000);
        Redaction r = redactor.redact(names);
        assertThat(r.text().length()).isLessThanOrEqualTo(names.length() + 4 * r.count(Mask.NAME));
        assertThat(r.text().length()).isGreaterThan(4000); // hence the intake's refusal (voice-text-too-long)
    }

    @Test
    void masksPhoneNumbers() {
        assertThat(redactor.redact("090-1234-5678に電話ください").text()).isEqualTo("［電話番号］に電話ください");
        assertThat(redactor.redact("自宅は03(1234)5678です").text()).isEqualTo("自宅は［電話番号］です");
        assertThat(redactor.redact("0120-123-456 にかけた").text()).isEqualTo("［電話番号］ にかけた");
        assertThat(redactor.redact("+81 90 1234 5678").text()).isEqualTo("［電話番号］");
        assertThat(redactor.redact("０８０ー１２３４ー５６７８まで").text()).isEqualTo("［電話番号］まで");
    }

    @Test
    void masksEmailAndMyNumberLikeStrings() {
        assertThat(redactor.redact("連絡先 taro.yamada+card@example.co.jp まで").text()).isEqualTo("連絡先 ［メール］ まで");
        assertThat(redactor.redact("マイナンバー1234 5678 9012を伝えた").text()).isEqualTo("マイナンバー［番号］を伝えた");
        assertThat(redactor.redact("123456789012").text()).isEqualTo("［番号］");
    }

    @Test
    void masksNamesAndKeepsTheHonorific() {
        assertThat(redactor.redact("担当の山田様に対応いただきました").text()).isEqualTo("担当の［氏名］様に対応いただきました");
        assertThat(redactor.redact("佐藤さんがとても親切でした").text()).isEqualTo("［氏名］さんがとても親切でした");
        assertThat(redactor.redact("山田太郎様宛てのカード").text()).isEqualTo("［氏名］様宛てのカード");
        // Names kuromoji does not know, read as a row of common nouns (the demo's customers found this).
        assertThat(redactor.redact("家族の柊木遥斗様の代わりに連絡しています").text())
                .isEqualTo("家族の［氏名］様の代わりに連絡しています");
        for (String name : java.util.List.of("鳴海千草", "東雲琴音", "真壁颯")) {
            assertThat(redactor.redact("家族の" + name + "様の代わりに").text()).isEqualTo("家族の［氏名］様の代わりに");
        }
        assertThat(redactor.redact("スミスさんに英語で対応してもらった").text()).isEqualTo("［氏名］さんに英語で対応してもらった");
        assertThat(redactor.redact("鈴木氏より申し出").count(Mask.NAME)).isEqualTo(1);
        assertThat(redactor.redact("山田 太郎 様へ").text()).isEqualTo("［氏名］ 様へ");
        assertThat(redactor.redact("店長の佐藤さんが").text()).isEqualTo("店長の［氏名］さんが");
        assertThat(redactor.redact("ゆうこさんに").text()).isEqualTo("［氏名］さんに");
        assertThat(redactor.redact("Smith様").text()).isEqualTo("［氏名］様");
    }

    @Test
    void redactedTextStaysAsItIs() {
        String once = redactor.redact("〇〇店の林様、090-1234-5678、a@b.jp、4111111111111111").text();
        assertThat(once).isEqualTo("〇〇店の［氏名］様、［電話番号］、［メール］、［カード番号］");
        assertThat(redactor.redact(once).text()).isEqualTo(once);
        assertThat(redactor.redact(once).masked()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"お客様の声をお聞かせください", "皆様いつもありがとう", "店員さんが親切でした", "担当者様へ",
            "オペレーターさんの対応が丁寧", "お客さんが多かった", "スタッフさんありがとう", "皆さんに感謝", "お疲れ様です",
            "ご担当者様", "配達員さんが来なかった", "加盟店様への連絡", "利用額は12,800円です", "2024年1月15日に利用",
            "お母さんが", "娘さんが", "〒100-0001", "料金は1,234,567円", "会員番号 12345678"})
    void leavesCommonWordsBeforeHonorificsAndAmountsAlone(String text) {
        Redaction r = redactor.redact(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.masked()).isFalse();
    }

    @Test
    void emptyTextStaysEmpty() {
        assertThat(redactor.redact("").text()).isEmpty();
        assertThat(redactor.redact(null).text()).isEmpty();
    }
}
