package dev.anshin.voice.analysis;

/** What the customer is doing (JIS Q 10002's classes of feedback); labels in the voice bundle ({@code voice.kind.*}). */
public enum Kind {
    /** 要望: asks for something to change or be added. */
    REQUEST,
    /** 苦情・不満: dissatisfaction with something that happened. */
    COMPLAINT,
    /** お褒め・感謝: praise or thanks. */
    PRAISE,
    /** 問い合わせ: a question. */
    INQUIRY
}
