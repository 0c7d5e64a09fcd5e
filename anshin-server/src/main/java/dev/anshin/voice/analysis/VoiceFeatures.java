package dev.anshin.voice.analysis;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features the classifier reads from a redacted text, by name with a count: base forms of content words
 * ({@code w:}), part-of-speech-aware function patterns that carry kind and sentiment ({@code f:neg}, {@code f:request},
 * {@code f:thanks}, {@code f:question}…), base-form bigrams ({@code b:}), the masks ({@code mask:}) and character
 * bigrams ({@code c:}). The text is NFKC-normalized and lower-cased first. Thread-safe.
 */
public final class VoiceFeatures {

    private static final Pattern MASKS;

    static {
        StringBuilder alternatives = new StringBuilder();
        for (Mask mask : Mask.values()) {
            if (!alternatives.isEmpty()) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(normalize(mask.token())));
        }
        MASKS = Pattern.compile(alternatives.toString());
    }

    private VoiceFeatures() {
    }

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The features of one text, in a stable order. */
    public static Map<String, Integer> of(String redactedText) {
        Map<String, Integer> features = new LinkedHashMap<>();
        String text = normalize(redactedText == null ? "" : redactedText);
        Matcher m = MASKS.matcher(text);
        StringBuilder rest = new StringBuilder();
        int at = 0;
        while (m.find()) {
            for (Mask mask : Mask.values()) {
                if (normalize(mask.token()).equals(m.group())) {
                    add(features, "mask:" + mask.name());
                }
            }
            rest.append(text, at, m.start()).append('。');
            at = m.end();
        }
        rest.append(text, at, text.length());
        text = rest.toString();

        List<JapaneseTokens.Token> tokens = JapaneseTokens.of(text);
        String previous = "^";
        for (int i = 0; i < tokens.size(); i++) {
            JapaneseTokens.Token t = tokens.get(i);
            String base = t.baseForm();
            if (content(t)) {
                add(features, "w:" + base);
            }
            function(features, tokens, i);
            add(features, "b:" + previous + "|" + base);
            previous = base;
        }
        add(features, "b:" + previous + "|$");
        if (text.contains("?")) {
            add(features, "f:question");
        }
        if (text.contains("!")) {
            add(features, "f:exclaim");
        }
        String compact = text.replaceAll("\\s+", "");
        for (int i = 0; i + 1 < compact.length(); i++) {
            add(features, "c:" + compact.substring(i, i + 2));
        }
        add(features, "len:" + Math.min(4, compact.length() / 40));
        return features;
    }

    private static boolean content(JapaneseTokens.Token t) {
        if (t.is("名詞")) {
            return !t.is("名詞-非自立") && !t.is("名詞-代名詞") && !t.is("名詞-数") && !t.is("名詞-接尾-助数詞");
        }
        return t.is("動詞-自立") || t.is("形容詞") || t.is("副詞") || t.is("感動詞") || t.is("接頭詞");
    }

    /** Function patterns: negation, requests, thanks, apology, questions, wishes, complaints' "but". */
    private static void function(Map<String, Integer> features, List<JapaneseTokens.Token> tokens, int i) {
        JapaneseTokens.Token t = tokens.get(i);
        String base = t.baseForm();
        JapaneseTokens.Token before = i > 0 ? tokens.get(i - 1) : null;
        JapaneseTokens.Token after = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (t.is("助動詞") && (base.equals("ない") || base.equals("ぬ") || base.equals("ん"))
                || t.is("形容詞") && base.equals("ない") && before != null && before.is("動詞")) {
            add(features, "f:neg");
            if (before != null) {
                add(features, "f:neg:" + before.baseForm());
            }
        }
        if (base.equals("ほしい") || base.equals("欲しい")) {
            add(features, before != null && before.surface().matches("て|で") ? "f:request:te-hoshii" : "f:request:hoshii");
        }
        if (base.equals("くださる") || base.equals("下さる") || base.equals("頂ける") || base.equals("いただける")) {
            add(features, "f:request:kudasai");
        }
        if (t.surface().startsWith("ありがとう") || base.equals("感謝") || base.equals("助かる")) {
            add(features, "f:thanks");
        }
        if (base.equals("申し訳") || base.equals("すみません") || base.equals("すいません")) {
            add(features, "f:apology");
        }
        if (t.is("助詞-副助詞／並立助詞／終助詞") || t.is("助詞-終助詞")) {
            if (base.equals("か") && (after == null || after.surface().matches("[?。!]"))) {
                add(features, "f:question");
            }
            add(features, "f:end:" + base);
        }
        if (base.equals("でしょ") || base.equals("でしょう")) {
            add(features, "f:question:deshou");
        }
        if (t.is("助詞-接続助詞") && (base.equals("が") || base.equals("けど") || base.equals("のに"))) {
            add(features, "f:but:" + base);
        }
        if (t.is("助動詞") && base.equals("たい")) {
            add(features, "f:want");
        }
        if (t.is("名詞-疑問") || base.equals("どう") || base.equals("なぜ") || base.equals("何") || base.equals("いつ")
                || base.equals("どこ") || base.equals("どの") || base.equals("どれ") || base.equals("いくら")) {
            add(features, "f:wh");
        }
    }

    private static void add(Map<String, Integer> features, String name) {
        features.merge(name, 1, Integer::sum);
    }
}
