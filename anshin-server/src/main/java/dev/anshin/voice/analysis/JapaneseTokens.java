package dev.anshin.voice.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.BaseFormAttribute;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Lucene kuromoji's morphemes of a text (IPADIC, normal mode, punctuation kept out). A tokenizer is not
 * thread-safe and costs its dictionary's first load (about 300 ms), so each thread keeps and reuses its own.
 */
final class JapaneseTokens {

    /** One morpheme: its surface, its base form (the surface when uninflected), its part of speech and where it is. */
    record Token(String surface, String baseForm, String partOfSpeech, String reading, int start, int end) {

        boolean is(String posPrefix) {
            return partOfSpeech != null && partOfSpeech.startsWith(posPrefix);
        }

        /** Not in the dictionary: kuromoji gives unknown words no reading. */
        boolean unknown() {
            return reading == null;
        }
    }

    private static final ThreadLocal<Tokenizing> TOKENIZERS = ThreadLocal.withInitial(Tokenizing::new);

    private JapaneseTokens() {
    }

    static List<Token> of(String text) {
        return TOKENIZERS.get().tokens(text);
    }

    private static final class Tokenizing {

        private final JapaneseTokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
        private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
        private final BaseFormAttribute baseForm = tokenizer.addAttribute(BaseFormAttribute.class);
        private final PartOfSpeechAttribute partOfSpeech = tokenizer.addAttribute(PartOfSpeechAttribute.class);
        private final ReadingAttribute reading = tokenizer.addAttribute(ReadingAttribute.class);
        private final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);

        List<Token> tokens(String text) {
            List<Token> tokens = new ArrayList<>();
            try {
                tokenizer.setReader(new StringReader(text));
                tokenizer.reset();
                while (tokenizer.incrementToken()) {
                    String surface = term.toString();
                    String base = baseForm.getBaseForm();
                    tokens.add(new Token(surface, base == null ? surface : base, partOfSpeech.getPartOfSpeech(),
                            reading.getReading(), offset.startOffset(), offset.endOffset()));
                }
                tokenizer.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    tokenizer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return tokens;
        }
    }
}
