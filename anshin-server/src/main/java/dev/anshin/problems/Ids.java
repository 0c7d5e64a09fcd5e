package dev.anshin.problems;

import java.util.regex.Pattern;

/**
 * The shape of Anshin's own ids (random UUIDs in lower case). Checked before an id from outside is
 * looked up, stored, echoed or logged, so that whatever else was typed in its place (a card number,
 * a phone number) goes nowhere.
 */
public final class Ids {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]+");

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    /** Letters, digits, '.', '_', ':' and '-' only: the shape of other names and references from outside. */
    public static boolean isToken(String value) {
        return value != null && TOKEN.matcher(value).matches();
    }
}
