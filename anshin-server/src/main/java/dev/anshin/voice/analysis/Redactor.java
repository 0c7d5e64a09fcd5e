package dev.anshin.voice.analysis;

import dev.anshin.problems.FreeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what identifies a person or a card in a customer's text before anyone (staff or the model) reads it: card
 * numbers, phone numbers, e-mail addresses, my-number-like 12-digit strings, and names given next to an honorific
 * (the name is masked, the honorific kept: {@code 山田様 → ［氏名］様}). Full-width digits and the dashes Japanese
 * typists use between digits (ー, －, ‐, −) count as digits and hyphens. Card numbers are found by the one card
 * scanner, {@link FreeText#digitRuns} (NFKC digits; up to three spaces or dashes, or dots, slashes, underscores, 、
 * and line breaks between groups; invisible characters ignored): every run of 13 or more digits is masked, Luhn-valid
 * or not. Invisible (format) characters are dropped from the text first, so none hides a number from the patterns.
 * Thread-safe; pure Java plus kuromoji.
 *
 * <p>Length: a mask is at most 4 characters longer than what it replaces (a one-letter name becomes ［氏名］), so
 * the masked text is at most the input's length plus 4 per mask; a text of many one-letter names can thus grow to
 * several times its length (the intake refuses a voice whose masked text does not fit its column).
 */
public final class Redactor {

    /** Suffixes that make a role, not a name, before an honorific (担当者様, 係員さん, 店長様). */
    private static final Set<String> NOT_NAME_SUFFIXES = Set.of("者", "員", "方", "達", "側", "係", "長", "官", "師",
            "主", "人", "家", "屋", "士", "手", "生", "様", "殿", "氏", "君", "さん", "用", "中", "内", "後", "前", "宛",
            "宛て", "等", "的", "性", "化", "式", "所", "店", "社", "部", "課", "局", "庁", "省", "会", "団", "組", "隊");

    /** Honorifics a name comes before. */
    private static final Set<String> HONORIFICS = Set.of("様", "さま", "サマ", "さん", "サン", "殿", "氏", "ちゃん", "くん", "君");

    /**
     * Nouns that come before an honorific without being a name: お客様, 皆様, 店員さん, 担当者様, オペレーターさん…
     * (kuromoji tags most as common nouns anyway; this list covers the ones it does not).
     */
    private static final Set<String> NOT_NAMES = Set.of("お客", "客", "皆", "みな", "皆さん", "みなさん", "担当", "担当者",
            "ご担当", "ご担当者", "店員", "オペレーター", "オペレータ", "スタッフ", "係", "係員", "会員", "利用者", "加盟店",
            "店長", "社長", "先生", "奥", "旦那", "息子", "娘", "母", "父", "お母", "お父", "家族", "相手", "受付", "窓口",
            "営業", "職員", "社員", "方", "ドライバー", "配達", "配達員", "業者", "先方", "お店", "店", "カード会社", "会社",
            "銀行", "上司", "部長", "課長", "窓口担当", "コールセンター", "センター", "ご家族", "ご主人", "お嬢", "坊ちゃん",
            "親御", "お隣", "隣", "大家", "管理人", "神", "仏", "お疲れ", "ご苦労", "宅配", "郵便屋", "営業マン");

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
    /** The fewest digits of a run masked as a card number. */
    private static final int CARD_DIGITS = 13;
    /** 12 digits, as one run or 4-4-4. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9])[0-9]{4}[ \\-._/]{0,3}[0-9]{4}[ \\-._/]{0,3}[0-9]{4}(?![0-9])");
    /**
     * Japanese phone numbers: 0 then 9 or 10 more digits (landline, mobile 070/080/090, 0120/0800) or +81 then 9
     * or 10 digits, grouped by hyphens, spaces, dots, slashes, underscores or parentheses (a few in a row).
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+])(?:\\+ ?81[ \\-.]{0,3}(?:\\(0\\))?|\\(?0)(?:[0-9][ \\-().\\/_]{0,3}){8,9}[0-9](?![0-9])");

    private record Span(int start, int end, Mask mask) {
    }

    /**
     * Masks the text, its invisible characters dropped; never {@code null}, never longer than the input plus 4
     * characters per mask.
     */
    public Redaction redact(String input) {
        String text = input == null ? "" : visible(input);
        if (text.isEmpty()) {
            return new Redaction("", Map.of());
        }
        String plain = comparable(text);
        List<Span> spans = new ArrayList<>();
        find(EMAIL, plain, Mask.EMAIL, spans);
        for (FreeText.DigitRun run : FreeText.digitRuns(text)) {
            if (run.digits().length() >= CARD_DIGITS) {
                add(new Span(run.start(), run.end(), Mask.CARD_NUMBER), spans);
            }
        }
        find(ID_NUMBER, plain, Mask.ID_NUMBER, spans);
        find(PHONE, plain, Mask.PHONE, spans);
        Map<Mask, Integer> counts = new EnumMap<>(Mask.class);
        String digitsMasked = apply(text, spans, counts);
        List<Span> names = names(digitsMasked);
        String redacted = apply(digitsMasked, names, counts);
        return new Redaction(redacted, counts);
    }

    /** Finds matches not overlapping those already found. */
    private static void find(Pattern pattern, String plain, Mask mask, List<Span> spans) {
        Matcher m = pattern.matcher(plain);
        while (m.find()) {
            add(new Span(m.start(), m.end(), mask), spans);
        }
    }

    private static void add(Span span, List<Span> spans) {
        if (spans.stream().noneMatch(s -> s.start < span.end && span.start < s.end)) {
            spans.add(span);
        }
    }

    /**
     * The text without Unicode format characters (zero-width spaces and joiners, the soft hyphen, bidi controls,
     * U+FEFF, tags) and Hangul fillers: they show nothing, and would hide a number or a name from the patterns.
     */
    static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean invisible = Character.getType(c) == Character.FORMAT || c == 0x115f || c == 0x1160 || c == 0x3164
                    || c == 0xffa0;
            if (invisible && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!invisible && out != null) {
                out.append(text, i, next);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    private static String apply(String text, List<Span> spans, Map<Mask, Integer> counts) {
        if (spans.isEmpty()) {
            return text;
        }
        List<Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : ordered) {
            out.append(text, at, span.start).append(span.mask.token());
            counts.merge(span.mask, 1, Integer::sum);
            at = span.end;
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The text with full-width ASCII made half-width and digit dashes made hyphens, character for character, so
     * that a match's offsets are the original's.
     */
    static String comparable(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '\uFF01' && c <= '\uFF5E') {
                chars[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                chars[i] = ' ';
            } else if (c == 'ー' || c == 'ｰ' || c == '−' || (c >= '\u2010' && c <= '\u2015')) {
                boolean digitBefore = i > 0 && isDigit(text.charAt(i - 1));
                boolean digitAfter = i + 1 < chars.length && isDigit(text.charAt(i + 1));
                if (digitBefore && digitAfter) {
                    chars[i] = '-';
                }
            }
        }
        return new String(chars);
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
    }

    /** The names before honorifics: people's names by kuromoji, or unknown/proper words that are not common nouns. */
    private static List<Span> names(String text) {
        List<JapaneseTokens.Token> tokens = JapaneseTokens.of(text);
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            JapaneseTokens.Token honorific = tokens.get(i);
            if (!HONORIFICS.contains(honorific.surface())) {
                continue;
            }
            int first = i;
            int end = -1;
            for (int j = i - 1; j >= 0; j--) {
                JapaneseTokens.Token t = tokens.get(j);
                int next = tokens.get(j + 1).start();
                if (!text.substring(t.end(), next).isBlank() || !nameLike(t)) {
                    break;
                }
                if (end < 0) {
                    end = t.end();
                }
                first = j;
            }
            if (first < i) {
                spans.add(new Span(tokens.get(first).start(), end, Mask.NAME));
            }
        }
        return spans;
    }

    private static boolean nameLike(JapaneseTokens.Token t) {
        String s = t.surface();
        if (NOT_NAMES.contains(s) || s.contains("［") || s.contains("］")) {
            return false;
        }
        if (t.is("名詞-固有名詞-人名")) {
            return true;
        }
        if (!script(s)) {
            return false;
        }
        if (t.is("名詞-固有名詞")) {
            return !t.is("名詞-固有名詞-地域-国");
        }
        if (t.is("名詞") && han(s) && !(t.is("名詞-接尾") && NOT_NAME_SUFFIXES.contains(s)) && !t.is("名詞-数")
                && !t.is("名詞-代名詞") && !t.is("名詞-非自立")) {
            // A name kuromoji does not know falls apart into kanji it reads as common nouns (柊木遥斗 → 柊, 木, 遥,
            // 斗): before an honorific, kanji nouns are taken for a name. Masking a word too many is the safe side.
            return true;
        }
        return t.unknown() && t.is("名詞");
    }

    /** Kanji only. */
    private static boolean han(String s) {
        return s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** Kanji, katakana or Latin letters only. */
    private static boolean script(String s) {
        return s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA || cp == 'ー'
                || Character.isLetter(cp) && cp < 0x250 || (cp >= 0xFF21 && cp <= 0xFF5A));
    }
}
