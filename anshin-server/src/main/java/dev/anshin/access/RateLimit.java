package dev.anshin.access;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many requests one subject (an API key, an address, a user name) may make: {@code tokens} per
 * {@code period} on average, up to {@code burst} at once. Written in settings as {@code 200/s},
 * {@code 10/min burst 20}, {@code 1000/h}, or {@code off} (no limit); without a burst, one period's
 * worth.
 */
public record RateLimit(long tokens, Duration period, long burst) {

    /** No limit at all. */
    public static final RateLimit OFF = new RateLimit(0, Duration.ZERO, 0);

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*/\\s*(s|sec|second|min|minute|h|hour)"
            + "(?:\\s*,?\\s*burst\\s+(\\d+))?");

    public RateLimit {
        if (period == null) {
            throw new IllegalArgumentException("a rate limit needs a period");
        }
        boolean off = tokens == 0 && period.isZero() && burst == 0;
        if (!off && (tokens < 1 || period.isNegative() || period.isZero() || burst < 1)) {
            throw new IllegalArgumentException("a rate limit needs at least 1 token per a positive period and a burst "
                    + "of at least 1, or 'off'");
        }
    }

    /** Reads a setting: {@code 200/s}, {@code 10/min burst 20}, {@code 1000/h} or {@code off}. */
    public static RateLimit valueOf(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("off")) {
            return OFF;
        }
        Matcher m = TEXT.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("a rate limit reads like '200/s', '10/min burst 20', '1000/h' or 'off', "
                    + "not '" + text + "'");
        }
        long tokens = Long.parseLong(m.group(1));
        Duration period = switch (m.group(2)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "min", "minute" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new RateLimit(tokens, period, m.group(3) == null ? tokens : Long.parseLong(m.group(3)));
    }

    public boolean off() {
        return this.equals(OFF);
    }

    /** How long an idle subject takes to get its whole burst back: after that its bucket is as good as new. */
    Duration refillTime() {
        return period.multipliedBy(burst + 1).dividedBy(tokens);
    }

    @Override
    public String toString() {
        if (off()) {
            return "off";
        }
        String unit = period.equals(Duration.ofSeconds(1)) ? "s" : period.equals(Duration.ofMinutes(1)) ? "min" : "h";
        return tokens + "/" + unit + (burst == tokens ? "" : " burst " + burst);
    }
}
