package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the redactor: no Luhn-valid card number, e-mail address or Japanese phone number survives, however
 * it is written (grouped, full-width, Japanese dashes) and whatever Japanese surrounds it; any text comes out no
 * longer than it went in plus a few characters per mask.
 */
class RedactorPropertyTest {

    private static final Redactor REDACTOR = new Redactor();

    private static final List<String> BEFORE = List.of("", "カード番号は", "先日、", "お客様より申し出。番号：", "こちらの",
            "「", "メモ：", "確認したところ", "えっと、", "（", "至急！");
    private static final List<String> AFTER = List.of("", "です", "に電話してください。", "」", "で合っていますか？", "までお願いします",
            "）", "の件です", "、よろしく", "！！");

    private static Gen<String> around(Gen<String> middle) {
        return Generate.pick(BEFORE).zip(middle, Generate.pick(AFTER), (b, m, a) -> b + m + a);
    }

    /** 16 digits whose last is the Luhn check digit. */
    static String luhn(long fifteen) {
        String body = String.format("%015d", fifteen);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = body.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    /** What people (and pasted text) put between the groups of a card number. */
    private static final List<String> SEPARATORS = List.of("", " ", "-", "ー", ".", "/", " - ", "  ", "   ", "\n",
            "\r\n", "、", "_", "\u200B", "\u00AD", "\u3000", "\u2060", " ー ", "\t", "・");

    /**
     * Written as people write: one run or 4-4-4-4 with any of {@link #SEPARATORS}, half- or full-width, sometimes with
     * an invisible character inside a group.
     */
    private static String written(String digits, int style) {
        String grouped = group(digits, SEPARATORS.get(style % SEPARATORS.size()));
        if (style / SEPARATORS.size() % 2 == 1) {
            grouped = fullWidth(grouped);
        }
        return style / SEPARATORS.size() >= 2 ? grouped.substring(0, 2) + "\u200B" + grouped.substring(2) : grouped;
    }

    private static String group(String digits, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(digits, i, Math.min(digits.length(), i + 4));
        }
        return out.toString();
    }

    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c == '-' ? '－' : c == '.' ? '．' : c);
        }
        return out.toString();
    }

    private static boolean hasDigit(String text) {
        return text.chars().anyMatch(c -> (c >= '0' && c <= '9') || (c >= '０' && c <= '９'));
    }

    @Test
    void noLuhnValidCardNumberSurvives() {
        Gen<String> cards = longs().between(0, 999_999_999_999_999L).zip(integers().between(0, 4 * SEPARATORS.size() - 1),
                (n, style) -> written(luhn(n), style));
        qt().withExamples(1000).forAll(around(cards)).checkAssert(text -> {
            Redaction r = REDACTOR.redact(text);
            assertThat(hasDigit(r.text())).as(r.text()).isFalse();
            assertThat(r.count(Mask.CARD_NUMBER)).isEqualTo(1);
            assertThat(r.text().length()).isLessThanOrEqualTo(text.length());
            assertThat(r.text()).doesNotContain("\u200B").doesNotContain("\u00AD");
        });
    }

    @Test
    void noEmailAddressSurvives() {
        Gen<String> local = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12)
                .zip(Generate.pick(List.of("", ".", "_", "+", "-", "1", "2024")), strings().betweenCodePoints('a', 'z')
                        .ofLengthBetween(0, 6), (a, s, b) -> a + s + b);
        Gen<String> domain = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10)
                .zip(Generate.pick(List.of(".com", ".co.jp", ".ne.jp", ".jp", ".example.org", "-mail.net")),
                        (d, tld) -> d + tld);
        Gen<String> emails = local.zip(domain, (l, d) -> l + "@" + d);
        qt().withExamples(300).forAll(around(emails)).checkAssert(text -> {
            Redaction r = REDACTOR.redact(text);
            assertThat(r.text()).as(text).doesNotContain("@");
            assertThat(r.count(Mask.EMAIL)).isEqualTo(1);
        });
    }

    @Test
    void noPhoneNumberSurvives() {
        Gen<String> four = integers().between(0, 9999).map(n -> String.format("%04d", n));
        Gen<String> three = integers().between(0, 999).map(n -> String.format("%03d", n));
        Gen<String> mobile = Generate.pick(List.of("070", "080", "090")).zip(four, four,
                (a, b, c) -> a + "-" + b + "-" + c);
        Gen<String> tokyo = four.zip(four, (b, c) -> "03-" + b + "-" + c);
        Gen<String> free = three.zip(three, (b, c) -> "0120-" + b + "-" + c);
        Gen<String> local = integers().between(10, 99).zip(three, four, (a, b, c) -> "0" + a + "-" + b + "-" + c)
                .mix(three.zip(integers().between(10, 99), four, (a, b, c) -> "0" + a + "-" + b + "-" + c));
        Gen<String> international = four.zip(four, (b, c) -> "+81 90 " + b + " " + c);
        Gen<String> phones = mobile.mix(tokyo).mix(free).mix(local).mix(international)
                .zip(integers().between(0, 6), (p, style) -> switch (style) {
                    case 0 -> p;
                    case 1 -> p.replace("-", "");
                    case 2 -> fullWidth(p);
                    case 3 -> p.replace("-", ".");
                    case 4 -> p.replace("-", "\u200B");
                    case 5 -> fullWidth(p.replace("-", "."));
                    default -> p.replace("-", "ー");
                });
        qt().withExamples(300).forAll(around(phones)).checkAssert(text -> {
            Redaction r = REDACTOR.redact(text);
            assertThat(hasDigit(r.text())).as(text + " -> " + r.text()).isFalse();
            assertThat(r.masked()).isTrue();
        });
    }

    @Test
    void anyTextComesOutNoLongerThanInPlusAFewCharactersPerMask() {
        qt().withExamples(300).forAll(strings().betweenCodePoints(0x20, 0x9FFF).ofLengthBetween(0, 300)
                        .mix(Generate.pick(List.of("A様", "林様", "a@b.jp", "0", "4", " ", "、", "\u200B")).zip(
                                integers().between(1, 200), (piece, n) -> piece.repeat(n))))
                .checkAssert(text -> {
                    Redaction r = REDACTOR.redact(text);
                    int masks = r.counts().values().stream().mapToInt(Integer::intValue).sum();
                    assertThat(r.text().length()).isLessThanOrEqualTo(text.length() + 4 * masks);
                });
    }
}
