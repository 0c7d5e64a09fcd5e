package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class FreeTextTest {

    /** Characters the check refuses in every field, from the issue and Unicode's bidi controls. */
    private static final List<Character> REFUSED = List.of('\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f',
            '\u0085', '\u009b', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
            '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029', '\u200b', '\u2060', '\ufeff', '\u00ad',
            '\u180e', '\u3164', '\uffa0', '\u115f', '\u1160');

    @Test
    void ordinaryNamesAddressesAndDescriptorsPass() {
        for (String text : List.of("SEVEN-ELEVEN #00042 TOKYO JP", "NETFLIX.COM 866-579-7172", "券面 太郎",
                "東京都千代田区千代田1-1-1 〒100-0001", "ｶﾌﾞｼｷｶﾞｲｼｬ", "Café Müller, 12 rue de l'Église", "😀 emoji ok",
                "نص عربي", "order 1234 5678 9012", "2026-11-25 09:30 called back")) {
            assertThat(FreeText.problem(text)).as(text).isEmpty();
        }
    }

    @Test
    void theIssuesExamplesAreRefusedWithoutRepeatingTheText() {
        assertThat(FreeText.problem("SHOP\u0000")).contains(FreeText.CONTROL);
        assertThat(FreeText.problem("\u202EMOC.ELGOOG")).contains(FreeText.BIDI);
        assertThat(FreeText.problem("SHOP 4111 1111 1111 1111")).contains(FreeText.CARD_NUMBER);
        assertThat(FreeText.problem("4111-1111-1111-1111 exp 12/27")).contains(FreeText.CARD_NUMBER);
        assertThat(FreeText.problem("カード番号４１１１１１１１１１１１１１１１です")).contains(FreeText.CARD_NUMBER);
        assertThat(FreeText.problem("amex 3782 822463 10005")).contains(FreeText.CARD_NUMBER);
        assertThat(FreeText.problem("bad \ud800 surrogate")).contains(FreeText.NOT_TEXT);
        assertThat(FreeText.problem("lone low \udc00")).contains(FreeText.NOT_TEXT);
        assertThat(List.of(FreeText.CONTROL, FreeText.BIDI, FreeText.CARD_NUMBER, FreeText.NOT_TEXT))
                .noneMatch(message -> message.contains("4111"));
    }

    @Test
    void linesAreAllowedOnlyWhereTextMaySpanLines() {
        assertThat(FreeText.problem("first line\nsecond")).contains(FreeText.CONTROL);
        assertThat(FreeText.multiLineProblem("first line\r\nsecond\tindented")).isEmpty();
        assertThat(FreeText.multiLineProblem("bell \u0007")).contains(FreeText.CONTROL);
        assertThat(FreeText.multiLineProblem("card\n4111111111111111")).contains(FreeText.CARD_NUMBER);
    }

    @Test
    void identifiersAreCheckedForCharactersButMayHoldAnyDigits() {
        assertThat(FreeText.characterProblem("4111111111111111")).isEmpty();
        assertThat(FreeText.characterProblem("acct\u202e1")).contains(FreeText.BIDI);
    }

    @Test
    void anyTextWithARefusedCharacterAnywhereIsRefused() {
        qt().withExamples(500).forAll(plainText(), Generate.pick(REFUSED), integers().between(0, 1_000))
                .checkAssert((text, refused, at) -> {
                    int position = at % (text.length() + 1);
                    String dirty = text.substring(0, position) + refused + text.substring(position);
                    assertThat(FreeText.problem(dirty)).as("U+%04X", (int) refused).isPresent();
                    assertThat(FreeText.characterProblem(dirty)).isPresent();
                });
    }

    @Test
    void textWithoutRefusedCharactersOrDigitsAlwaysPasses() {
        qt().withExamples(500).forAll(plainText()).checkAssert(text -> {
            assertThat(FreeText.problem(text)).isEmpty();
            assertThat(FreeText.multiLineProblem(text)).isEmpty();
        });
    }

    @Test
    void aCardNumberIsFoundHoweverItIsGroupedAndWhateverSurroundsIt() {
        qt().withExamples(500).forAll(cardNumbers(), lists().of(Generate.pick(List.of("", " ", "-", "\u3000", "\u2010")))
                        .ofSize(18), plainText(), plainText())
                .checkAssert((number, separators, before, after) -> {
                    StringBuilder grouped = new StringBuilder();
                    for (int i = 0; i < number.length(); i++) {
                        grouped.append(number.charAt(i));
                        if (i < number.length() - 1 && i % 4 == 3) {
                            grouped.append(separators.get(i));
                        }
                    }
                    String text = before + " " + grouped + " " + after;
                    assertThat(FreeText.containsCardNumber(text)).as(text).isTrue();
                    assertThat(FreeText.problem(text)).contains(FreeText.CARD_NUMBER);
                });
    }

    @Test
    void runsOfFewerThanThirteenDigitsAreNeverCardNumbers() {
        qt().withExamples(500).forAll(strings().numericBetween(0, 999_999_999), plainText())
                .checkAssert((digits, words) -> assertThat(FreeText.containsCardNumber(words + " " + digits + " " + words))
                        .isFalse());
    }

    @Test
    void aNumberFailingTheLuhnCheckIsNoCardNumber() {
        // Thirteen digits: a longer number holds shorter windows, one in ten of which passes by chance.
        qt().withExamples(500).forAll(cardNumbers(13), integers().between(1, 9)).checkAssert((number, change) -> {
            int last = number.charAt(number.length() - 1) - '0';
            String wrong = number.substring(0, number.length() - 1) + (last + change) % 10;
            assertThat(FreeText.containsCardNumber("x " + wrong + " x")).isFalse();
        });
    }

    @Test
    void nullAndEmptyFieldsAreNotTheCheckersBusiness() {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        FreeText.check(problems, "merchantName", null);
        FreeText.check(problems, "merchantName", "");
        assertThat(problems).isEmpty();
        FreeText.check(problems, "merchantName", "\u202e");
        assertThat(problems).extracting(FieldProblem::field).containsExactly("merchantName");
        assertThat(Optional.of(problems.get(0).message())).contains(FreeText.BIDI);
    }

    /**
     * Letters, kana, kanji, punctuation and spaces, never a digit (nor anything NFKC makes a digit,
     * such as ① or ²), a refused character or any other invisible one.
     */
    private static Gen<String> plainText() {
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40)
                .map(s -> s.codePoints().filter(c -> !Character.isDigit(c) && !Character.isSurrogate((char) c)
                                && !REFUSED.contains((char) c) && !(c < 0x20 || c >= 0x7f && c <= 0x9f)
                                && Character.getType(c) != Character.FORMAT
                                && Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC).chars()
                                        .noneMatch(Character::isDigit))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    /** What the hostile tester put between the digits of a card number, and what else people type there. */
    private static final List<String> SEPARATORS = List.of("", " ", "-", "\u00a0", "\u2009", "\u202f", "\u2002",
            "\u3000", "\u2010", "\u2013", "\u2212", "\uff0d", "\u30fc", ".", "/", "\uff0e", "\uff0f", "\u30fb",
            " - ", " / ", "\u3000\u3000");

    /** Characters that take no room: every one of them is ignored inside a digit run. */
    private static final List<String> INVISIBLES = List.of("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
            "\u00ad", "\u034f", "\ufe0f");

    @Test
    void ordinaryJapaneseTextPasses() {
        for (String text : List.of("セブン-イレブン 新宿3丁目店", "ＡＢＣマート", "ＡＢＣマート 渋谷店", "ﾌｧﾐﾘｰﾏｰﾄ",
                "03-1234-5678", "０３－１２３４－５６７８", "TEL 03-1234-5678 / FAX 03-1234-5679", "090-1234-5678",
                "2026/11/25", "２０２６／１１／２５", "2026.11.25 14:30", "2026年11月25日 14時30分",
                "2026/11/25-2026/12/01 の利用分", "〒160-0022 東京都新宿区新宿3-38-1", "ローソン 新宿三丁目店 No.1234",
                "ＪＲ東日本 モバイルＳｕｉｃａ", "葛\udb40\udd00飾区",
                "家族 👨\u200d👩\u200d👧", "🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f",
                "می\u200cخواهم", "¥12,800（税込）", "①②③ 手順")) {
            assertThat(FreeText.problem(text)).as(text).isEmpty();
            assertThat(FreeText.multiLineProblem(text)).as(text).isEmpty();
        }
    }

    @Test
    void invisibleCharactersAreRefusedWhereTheyHideSomething() {
        for (String text : List.of("SHOP\u200bNAME", "\u2060", "\ufeffBOM", "soft\u00adhyphen", "\u3164", "a \u200d b",
                "4\u200d1", "\u200dstart", "end\u200c", "x\udb40\udc41\udb40\udc42 hidden tags",
                "🏴\udb40\udc41 not a flag tag")) {
            assertThat(FreeText.problem(text)).as(text).contains(FreeText.INVISIBLE);
            assertThat(FreeText.characterProblem(text)).as(text).contains(FreeText.INVISIBLE);
        }
        assertThat(FreeText.INVISIBLE).doesNotContain("4111");
    }

    @Test
    void theTestersCardNumbersAreRefused() {
        for (String text : List.of("4111\u200b1111\u200b1111\u200b1111", "4\u200c1\u200d1\u20601\ufeff1111111111111",
                "4111\u00a01111\u00a01111\u00a01111", "4111\u20091111\u20091111\u20091111",
                "4111\u30001111\u30001111\u30001111", "４１１１－１１１１－１１１１－１１１１", "４１１１ー１１１１ー１１１１ー１１１１",
                "4111.1111.1111.1111", "4111/1111/1111/1111", "４１１１／１１１１／１１１１／１１１１",
                "4111 - 1111 - 1111 - 1111", "3782.822463.10005")) {
            assertThat(FreeText.containsCardNumber(text)).as(text).isTrue();
            assertThat(FreeText.problem(text)).as(text).isPresent();
        }
    }

    @Test
    void aCardNumberIsFoundWhateverSeparatorsFullWidthDigitsOrInvisiblesAreInIt() {
        qt().withExamples(1_000).forAll(cardNumbers(), lists().of(integers().between(0, 1_000_000)).ofSize(60),
                        plainText(), plainText())
                .checkAssert((number, random, before, after) -> {
                    StringBuilder typed = new StringBuilder();
                    int r = 0;
                    // Groups of 3 to 6 digits (as printed on cards: 4-4-4-4, 4-6-5, ...), each joined by a
                    // random separator; a digit now and then full-width; invisibles anywhere between digits.
                    int group = 3 + random.get(r++) % 4;
                    String separator = SEPARATORS.get(random.get(r++) % SEPARATORS.size());
                    for (int i = 0, inGroup = 0; i < number.length(); i++, inGroup++) {
                        if (inGroup == group && number.length() - i >= 3) {
                            typed.append(separator);
                            inGroup = 0;
                        }
                        char digit = number.charAt(i);
                        typed.append(random.get(r++ % random.size()) % 3 == 0 ? (char) ('０' + digit - '0') : digit);
                        if (random.get(r++ % random.size()) % 4 == 0) {
                            typed.append(INVISIBLES.get(random.get(r++ % random.size()) % INVISIBLES.size()));
                        }
                    }
                    String text = before + " " + typed + " " + after;
                    assertThat(FreeText.containsCardNumber(text)).as(text).isTrue();
                    assertThat(FreeText.problem(text)).as(text).isPresent();
                    assertThat(FreeText.multiLineProblem(text)).as(text).isPresent();
                });
    }

    @Test
    void underscoresIdeographicCommasAndLineBreaksJoinLongGroups() {
        for (String separator : List.of("_", "、", "\n", "\r\n", "\t")) {
            String text = "番号 4111" + separator + "1111" + separator + "1111" + separator + "1111 です";
            assertThat(FreeText.containsCardNumber(text)).as(text).isTrue();
        }
        assertThat(FreeText.containsCardNumber("1、2、3\n4\n5")).isFalse();
    }

    @Test
    void digitRunsSayWhereEachRunStandsInTheTextAsGiven() {
        String text = "ab ４１１１\u200B-1111 1111.1111 x 12/25";
        List<FreeText.DigitRun> runs = FreeText.digitRuns(text);
        assertThat(runs).hasSize(4);
        assertThat(text.substring(runs.get(0).start(), runs.get(0).end())).isEqualTo("４１１１\u200B-1111 1111");
        assertThat(runs.get(0).digits()).isEqualTo("411111111111");
        assertThat(text.substring(runs.get(1).start(), runs.get(1).end())).isEqualTo("1111");
        assertThat(runs.get(2).digits()).isEqualTo("12");
        assertThat(runs.get(3).digits()).isEqualTo("25");
        assertThat(FreeText.digitRuns("4111 1111 1111 1111").get(0).holdsCardNumber()).isTrue();
    }

    @Test
    void datesAndPhoneNumbersWithTheSameSeparatorsAreNoCardNumbers() {
        qt().withExamples(500).forAll(lists().of(integers().between(0, 99_999_999)).ofSize(5),
                        Generate.pick(List.of("/", ".", "／", "．", "・")))
                .checkAssert((random, separator) -> {
                    String date = (1990 + random.get(0) % 110) + separator + String.format("%02d", 1 + random.get(1) % 12)
                            + separator + String.format("%02d", 1 + random.get(2) % 28);
                    String text = date + " - " + date + " " + date + "、" + mobile(random.get(3)) + separator
                            + mobile(random.get(4)) + " / " + landline(random.get(3)) + " " + separator + " "
                            + landline(random.get(4));
                    assertThat(FreeText.containsCardNumber(text)).as(text).isFalse();
                    assertThat(FreeText.problem(text)).as(text).isEmpty();
                });
    }

    private static String mobile(int digits) {
        String d = String.format("%08d", digits);
        return "090-" + d.substring(0, 4) + "-" + d.substring(4);
    }

    private static String landline(int digits) {
        String d = String.format("%08d", digits);
        return "03-" + d.substring(0, 4) + "-" + d.substring(4);
    }

    /** Luhn-valid numbers of 13 to 19 digits. */
    private static Gen<String> cardNumbers() {
        return cardNumbers(12, 18);
    }

    /** Luhn-valid numbers of exactly {@code length} digits. */
    private static Gen<String> cardNumbers(int length) {
        return cardNumbers(length - 1, length - 1);
    }

    private static Gen<String> cardNumbers(int minBody, int maxBody) {
        return lists().of(integers().between(0, 9)).ofSizeBetween(minBody, maxBody).map(digits -> {
            StringBuilder body = new StringBuilder();
            digits.forEach(body::append);
            return body.append(Luhn.checkDigit(body.toString())).toString();
        });
    }
}
