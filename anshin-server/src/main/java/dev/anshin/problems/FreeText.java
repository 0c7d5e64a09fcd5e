package dev.anshin.problems;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one check of text that comes from outside (API bodies, portal and console forms) before it is
 * stored or shown to anyone. Its answers never repeat the text, so a refused value cannot leak into
 * a problem response or a log.
 *
 * <ul>
 * <li>Every text: no C0 or C1 control characters (a NUL ends strings in other systems, an escape
 * sequence rewrites a terminal), no Unicode bidirectional controls (U+202E turns
 * "moc.elgoog" into a convincing merchant name on a cardholder's statement), no unpaired
 * surrogate (not text at all; PostgreSQL refuses it), no invisible character: Unicode format
 * characters (category Cf: zero-width spaces and joiners, U+2060, U+FEFF, the soft hyphen, tags)
 * and the Hangul fillers. Invisible characters hide what a text holds from whoever reads it, and
 * split a card number so that a digit check no longer sees it. Three uses are text, not hiding, and
 * stay allowed: a zero-width joiner or non-joiner between two letters or symbols (emoji sequences
 * such as 👨‍👩‍👧, Persian and Indic spelling) and the tag characters that spell a subdivision flag emoji after 🏴.</li>
 * <li>Free text (names, addresses, descriptions, notes) also holds no card number: 13 to 19
 * digits that pass the Luhn check, read after NFKC normalisation (full-width and other digits
 * become ASCII ones, full-width punctuation and spaces their ASCII forms), ignoring invisible
 * characters and combining marks, and across the separators people put between groups: up to three
 * spaces (any kind) or dashes (any kind, and ー), and dots, slashes, underscores, 、 or line breaks between groups of three or more
 * digits when the whole run uses nothing else (so {@code 4111.1111.1111.1111} is one number, while
 * a date such as {@code 2026/11/25} or two phone numbers {@code 090-1234-5678/080-1234-5678}
 * never join their neighbours through them). A card number typed into the wrong box
 * is refused instead of stored in clear.</li>
 * </ul>
 * Identifiers (ids, phone numbers, customer numbers, e-mail addresses) get only the first check:
 * their own formats say what they hold, and a long numeric id passes the Luhn check one time in ten.
 */
public final class FreeText {

    /** Why a text is refused, in words for the field's problem. */
    public static final String CONTROL = "must not contain control characters";
    public static final String BIDI = "must not contain bidirectional formatting characters (U+202A-U+202E, "
            + "U+2066-U+2069, U+200E, U+200F, U+061C)";
    public static final String NOT_TEXT = "is not valid Unicode text";
    public static final String INVISIBLE = "must not contain invisible characters (Unicode format characters such as "
            + "U+200B, U+2060, U+FEFF or U+00AD, or Hangul fillers)";
    public static final String CARD_NUMBER = "must not contain a card number (13 to 19 digits that pass the Luhn check)";

    private static final int MIN_CARD_DIGITS = 13;
    private static final int MAX_CARD_DIGITS = 19;
    /** How many separator characters in a row may stand between two groups of a card number (" - "). */
    private static final int MAX_SEPARATORS = 3;
    /** 🏴, which tag characters follow to spell a subdivision flag, and how many letters they spell at most. */
    private static final int BLACK_FLAG = 0x1f3f4;
    private static final int MAX_FLAG_TAGS = 6;
    /** The shortest group a dot or a slash joins: card numbers are grouped by 4 (or 4-6-5), dates by 2. */
    private static final int MIN_GROUP_FOR_WEAK_SEPARATOR = 3;

    private FreeText() {
    }

    /** What is wrong with one line of free text; empty when it may be stored. */
    public static Optional<String> problem(String value) {
        return characterProblem(value, false).or(() -> cardNumberProblem(value));
    }

    /** Same, for text that may span lines (notes, answers): line feeds, carriage returns and tabs are allowed. */
    public static Optional<String> multiLineProblem(String value) {
        return characterProblem(value, true).or(() -> cardNumberProblem(value));
    }

    /** The character check alone, for identifiers and other text with a format of its own. */
    public static Optional<String> characterProblem(String value) {
        return characterProblem(value, false);
    }

    /**
     * Whether the text can be stored at all: no NUL (PostgreSQL refuses it in text) and no unpaired
     * surrogate (not Unicode). Checked for every string of every JSON body and every request parameter
     * ({@link StrictJson}, {@link StorableParameters}), before anything looks it up.
     */
    public static boolean storable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Adds the problem of one line of free text, if any, under {@code field}. */
    public static void check(List<FieldProblem> problems, String field, String value) {
        if (value != null) {
            problem(value).ifPresent(message -> problems.add(new FieldProblem(field, message)));
        }
    }

    /**
     * Whether the text holds a card number: a run of 13 to 19 digits that passes the Luhn check. The
     * text is read NFKC-normalised, so any script's decimal digits and compatibility forms (full-width
     * ４１１１, ①) count as digits; invisible characters (category Cf) and combining marks inside a
     * run are ignored; up to three spaces or dashes of any kind join two groups of digits, and so do
     * dots, slashes, underscores, 、 and line breaks (and ・), but only between groups of at least three
     * digits, in a run that has no other separator. Every window of 13 to 19 digits of a longer run
     * counts, so a number is found even with other digits stuck to it.
     */
    public static boolean containsCardNumber(CharSequence text) {
        return digitRuns(text).stream().anyMatch(DigitRun::holdsCardNumber);
    }

    /**
     * A run of digits as people write a card number, found by {@link #digitRuns}: where it stands in the
     * text ({@code start} inclusive, {@code end} exclusive, in the text's own chars) and its digits (ASCII).
     */
    public record DigitRun(int start, int end, String digits) {

        /** Whether some 13 to 19 of its digits in a row pass the Luhn check. */
        public boolean holdsCardNumber() {
            return hasCardNumber(digits);
        }
    }

    /**
     * The runs of digits of the text, joined across separators as {@link #containsCardNumber} reads them (the
     * one scanner for card numbers: the voice redactor masks what it finds): every run of at least one digit,
     * in order, with its place in the text as given (each character is read NFKC-normalised on its own, so
     * the offsets are the text's).
     */
    public static List<DigitRun> digitRuns(CharSequence text) {
        List<DigitRun> found = new ArrayList<>();
        List<int[]> groups = new ArrayList<>(); // {start, end} of each group in the text
        List<StringBuilder> digits = new ArrayList<>();
        List<Boolean> weakJoins = new ArrayList<>();
        int separators = 0;
        boolean weak = false;
        String source = text.toString();
        for (int i = 0; i < source.length(); ) {
            int at = i;
            int original = source.codePointAt(i);
            i += Character.charCount(original);
            String normal = normalised(original);
            for (int k = 0; k < normal.length(); ) {
                int c = normal.codePointAt(k);
                k += Character.charCount(c);
                int digit = Character.digit(c, 10);
                if (digit >= 0) {
                    if (groups.isEmpty() || separators > 0) {
                        if (!groups.isEmpty()) {
                            weakJoins.add(weak);
                        }
                        groups.add(new int[] {at, i});
                        digits.add(new StringBuilder(8));
                    }
                    groups.get(groups.size() - 1)[1] = i;
                    digits.get(digits.size() - 1).append((char) ('0' + digit));
                    separators = 0;
                    weak = false;
                } else if (isIgnorable(c)) {
                    // Invisible inside a run: neither a digit nor a break.
                } else if (!groups.isEmpty() && separators < MAX_SEPARATORS
                        && (isSeparator(c) || isWeakSeparator(c))) {
                    separators++;
                    weak |= isWeakSeparator(c);
                } else {
                    runs(groups, digits, weakJoins, found);
                    separators = 0;
                    weak = false;
                }
            }
        }
        runs(groups, digits, weakJoins, found);
        return found;
    }

    /** One character NFKC-normalised; the common letters that never change are answered without the normaliser. */
    private static String normalised(int c) {
        if (c < 0x80 || c >= 0x3041 && c <= 0x3096 || c >= 0x30a1 && c <= 0x30fa || c >= 0x4e00 && c <= 0x9fff) {
            return Character.toString(c);
        }
        return Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC);
    }

    /** Splits one run where a dot or slash does not join, adds its parts and starts over. */
    private static void runs(List<int[]> groups, List<StringBuilder> digits, List<Boolean> weakJoins,
            List<DigitRun> found) {
        if (groups.isEmpty()) {
            return;
        }
        // A card number is written with one kind of separator; a dot or slash among dashes or spaces
        // separates things (090-1234-5678/080-1234-5678), as one next to a short group does (2026/11/25).
        boolean onlyWeak = !weakJoins.contains(Boolean.FALSE);
        int first = 0;
        StringBuilder part = new StringBuilder(32);
        for (int g = 0; g < groups.size(); g++) {
            if (g > 0 && weakJoins.get(g - 1) && (!onlyWeak || digits.get(g - 1).length() < MIN_GROUP_FOR_WEAK_SEPARATOR
                    || digits.get(g).length() < MIN_GROUP_FOR_WEAK_SEPARATOR)) {
                found.add(new DigitRun(groups.get(first)[0], groups.get(g - 1)[1], part.toString()));
                part.setLength(0);
                first = g;
            }
            part.append(digits.get(g));
        }
        found.add(new DigitRun(groups.get(first)[0], groups.get(groups.size() - 1)[1], part.toString()));
        groups.clear();
        digits.clear();
        weakJoins.clear();
    }

    private static boolean hasCardNumber(CharSequence digits) {
        int n = digits.length();
        for (int length = MIN_CARD_DIGITS; length <= Math.min(MAX_CARD_DIGITS, n); length++) {
            for (int from = 0; from + length <= n; from++) {
                if (Luhn.isValid(digits, from, from + length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> cardNumberProblem(String value) {
        return containsCardNumber(value) ? Optional.of(CARD_NUMBER) : Optional.empty();
    }

    private static Optional<String> characterProblem(String value, boolean lines) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                if (!(lines && (c == '\n' || c == '\r' || c == '\t'))) {
                    return Optional.of(CONTROL);
                }
            } else if (c == '\u2028' || c == '\u2029') {
                // Line and paragraph separators: invisible line breaks, not wanted in any field.
                return Optional.of(CONTROL);
            } else if (isBidiControl(c)) {
                return Optional.of(BIDI);
            } else if (isInvisible(c) && !isJoinerInAWord(value, i)) {
                return Optional.of(INVISIBLE);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return Optional.of(NOT_TEXT);
                }
                int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
                if (Character.getType(codePoint) == Character.FORMAT && !isFlagTag(value, i, codePoint)) {
                    return Optional.of(INVISIBLE);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of(NOT_TEXT);
            }
        }
        return Optional.empty();
    }

    private static boolean isBidiControl(char c) {
        return c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    /** A format character (Cf) or a Hangul filler: takes no room on screen, or none a reader can tell apart. */
    private static boolean isInvisible(char c) {
        return Character.getType(c) == Character.FORMAT || c == '\u115f' || c == '\u1160' || c == '\u3164'
                || c == '\uffa0';
    }

    /**
     * A zero-width joiner or non-joiner between two letters, marks or symbols, where it is spelling
     * (Persian, Indic scripts) or an emoji sequence; never next to a digit, a space or an end.
     */
    private static boolean isJoinerInAWord(String value, int i) {
        char c = value.charAt(i);
        if (c != '\u200c' && c != '\u200d' || i == 0 || i + 1 >= value.length()) {
            return false;
        }
        return isWordPart(value.codePointBefore(i)) && isWordPart(value.codePointAt(i + 1));
    }

    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL;
    }

    /**
     * A tag character of a subdivision flag (🏴 then up to six tag letters or digits and the cancel
     * tag, e.g. Scotland's). Anywhere else tag characters are invisible ASCII: hidden text.
     */
    private static boolean isFlagTag(String value, int i, int c) {
        if (!(c >= 0xe0030 && c <= 0xe0039 || c >= 0xe0061 && c <= 0xe007a || c == 0xe007f)) {
            return false;
        }
        int tags = 0;
        int at = i;
        while (at > 0 && tags <= MAX_FLAG_TAGS) {
            int before = value.codePointBefore(at);
            if (before == BLACK_FLAG) {
                return true;
            }
            if (!(before >= 0xe0030 && before <= 0xe0039 || before >= 0xe0061 && before <= 0xe007a)) {
                return false;
            }
            tags++;
            at -= Character.charCount(before);
        }
        return false;
    }

    /** Neither a digit nor a break inside a digit run: format characters and combining marks. */
    private static boolean isIgnorable(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0;
    }

    /**
     * What people put between the groups of a card number, after NFKC (which makes full-width forms
     * ASCII): any space (no-break, thin, ideographic) or any dash (hyphens, minus, ー).
     */
    private static boolean isSeparator(int c) {
        return Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION || c == '-'
                || c == '\u2212' || c == '\u30fc';
    }

    /**
     * Separators that also sit inside dates, versions, lists and lines, so they join only long groups: dots,
     * slashes, ・, underscores, 、 and line breaks.
     */
    private static boolean isWeakSeparator(int c) {
        return c == '.' || c == '/' || c == '\\' || c == '\u30fb' || c == '\u2024' || c == '\u2215' || c == '_'
                || c == '\u3001' || c == '\n' || c == '\r' || c == '\t';
    }
}
