package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class FreeTextTest {

    /** Characters the check refuses in every field, from the issue and Unicode's bidi controls. */
    private static final List<Character> REFUSED = List.of('\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f',
            '\u0085', '\u009b', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
            '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029');

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

    /** Letters, kana, kanji, punctuation and spaces, never a digit or a refused character. */
    private static Gen<String> plainText() {
        return strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40)
                .map(s -> s.codePoints().filter(c -> !Character.isDigit(c) && !Character.isSurrogate((char) c)
                                && !REFUSED.contains((char) c) && !(c < 0x20 || c >= 0x7f && c <= 0x9f))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
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
