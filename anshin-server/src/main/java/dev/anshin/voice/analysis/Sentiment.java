package dev.anshin.voice.analysis;

/** The customer's tone; labels in the voice bundle ({@code voice.sentiment.*}). */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE
}
