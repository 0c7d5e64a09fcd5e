package dev.anshin.voice.analysis;

/**
 * What the {@link Redactor} masks, and the short token that replaces it in the redacted text. The tokens are
 * full-width-bracketed Japanese words, readable by staff in either language and kept as single features by the
 * classifier.
 */
public enum Mask {
    /** A payment card number: 13 to 19 digits, possibly grouped with spaces or hyphens. */
    CARD_NUMBER("［カード番号］"),
    /** A Japanese landline, mobile, free-dial (0120/0800) or +81 phone number. */
    PHONE("［電話番号］"),
    /** An e-mail address. */
    EMAIL("［メール］"),
    /** A my-number-like 12-digit string (also 4-4-4). */
    ID_NUMBER("［番号］"),
    /** A person's name given next to an honorific (様, さん, 殿, 氏); the honorific is kept. */
    NAME("［氏名］");

    private final String token;

    Mask(String token) {
        this.token = token;
    }

    /** The replacement written into the redacted text. */
    public String token() {
        return token;
    }
}
