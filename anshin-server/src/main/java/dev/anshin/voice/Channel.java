package dev.anshin.voice;

/** Where a customer's voice came in; labels in the voice bundle ({@code voice.channel.*}). */
public enum Channel {
    CALL_CENTER,
    WEB,
    STORE,
    APP,
    MAIL
}
