package dev.anshin.site;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;

/**
 * The one way people are shown time and money, on every page, in every notification and in both
 * languages: times in Japan time with the zone's label ({@code 2026-12-07 09:58 JST}), yen with
 * separators ({@code 98,000円} in Japanese, {@code ¥98,000} in English), other currencies with their
 * own minor units ({@code USD 12.50}). Templates reach it as {@code @display} ({@link DisplayExpressions}).
 */
public final class Display {

    /** Japan time, whatever the server's zone: the issuers and their cardholders are in Japan. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    /** The zone's label, shown after every time so no one has to guess. */
    public static final String ZONE_LABEL = "JST";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Display() {
    }

    /**
     * "98,000円" in Japanese or "¥98,000" in English for yen; "USD 12.50" for other currencies, with
     * the currency's own minor units. A code Java does not know gets two decimals, as most have.
     */
    public static String money(long minor, String currency, Locale locale) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        String number = String.format(Locale.ROOT, "%,." + digits + "f", BigDecimal.valueOf(minor, digits));
        if ("JPY".equals(currency)) {
            return "ja".equals(locale.getLanguage()) ? number + "円" : "¥" + number;
        }
        return currency + " " + number;
    }

    /** A moment to the minute, in Japan time with its label: {@code 2026-12-07 09:58 JST}. */
    public static String time(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant) + " " + ZONE_LABEL;
    }

    /** The time of day alone, for a list under its day (a support slot): {@code 09:30 JST}. */
    public static String timeOfDay(Instant instant) {
        return instant == null ? "" : TIME_OF_DAY.format(instant) + " " + ZONE_LABEL;
    }

    /** A moment to the second, for staff who line events up: {@code 2026-12-07 09:58:03 JST}. */
    public static String timeToSecond(Instant instant) {
        return instant == null ? "" : SECOND.format(instant) + " " + ZONE_LABEL;
    }

    /** A day: {@code 2026-12-07}. */
    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** The day a moment falls on in Japan: {@code 2026-12-07}. */
    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(ZONE));
    }

    /**
     * Items of a list in the reader's language: {@code 氏名、住所} in Japanese, {@code Name, Address} in
     * English (Japanese punctuation has no place in an English sentence, nor the reverse).
     */
    public static String list(Collection<String> items, Locale locale) {
        return items == null ? "" : String.join("ja".equals(locale.getLanguage()) ? "、" : ", ", items);
    }

    /** A count with separators: {@code 12,345}. */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
