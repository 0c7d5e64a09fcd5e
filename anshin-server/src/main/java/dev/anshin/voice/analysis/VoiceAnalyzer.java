package dev.anshin.voice.analysis;

/**
 * Understands one customer's text. Input is always the redacted text ({@link Redactor}): the model never sees a
 * card number, a phone number or a name. Implementations are thread-safe; the one in use can be replaced at run
 * time when a model is retrained.
 */
public interface VoiceAnalyzer {

    Analysis analyze(String redactedText);
}
