package dev.anshin.voice.imports;

import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a call-center export, by their Japanese or English header (either is accepted, in any order; other
 * columns are ignored). {@code field} is the name the API and the error report use.
 */
enum ExportColumn {

    /** The call's number in the call-center system: the row's key (optional, recommended). */
    CALL_ID("受付番号", "call_id", "callId", false),
    /** When the call was taken: ISO-8601 with an offset, or {@code yyyy/MM/dd HH:mm} in Japan time. */
    RECEIVED_AT("受付日時", "received_at", "receivedAt", true),
    /** The channel (optional, default CALL_CENTER): a channel's name or 電話, ウェブ, 店舗, アプリ, メール. */
    CHANNEL("チャネル", "channel", "channel", false),
    /** The issuer's customer number (optional). */
    CUSTOMER_NUMBER("お客様番号", "customer_number", "customerNumber", false),
    /** The customer's words. */
    TEXT("内容", "text", "text", true);

    private final String japanese;
    private final String english;
    private final String field;
    private final boolean required;

    ExportColumn(String japanese, String english, String field, boolean required) {
        this.japanese = japanese;
        this.english = english;
        this.field = field;
        this.required = required;
    }

    static Optional<ExportColumn> named(String header) {
        String name = header.strip();
        for (ExportColumn c : values()) {
            if (c.japanese.equals(name) || c.english.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    String japanese() {
        return japanese;
    }

    String english() {
        return english;
    }

    String field() {
        return field;
    }

    boolean required() {
        return required;
    }
}
