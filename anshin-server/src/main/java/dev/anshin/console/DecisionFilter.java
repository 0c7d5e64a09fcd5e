package dev.anshin.console;

import dev.anshin.scoring.Decision;
import dev.anshin.site.CardNumbers;
import dev.anshin.site.Display;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decisions list's filters as the query string carries them (a GET form, so a view can be
 * shared), read strictly: a value that does not parse is an error for its field (a message key),
 * never coerced or ignored. A card is named by its last four digits or as the page shows it masked
 * (BIN, stars, last four); a full card number is refused and not echoed back.
 */
record DecisionFilter(Set<Decision> decisions, Double minScore, Double maxScore, String cardBin, String cardLast4,
        String merchant, Instant from, Instant to, int page, Map<String, String> values, Map<String, String> errors) {

    /**
     * The card field's HTML pattern: last four digits, or BIN + masking characters + last four, with
     * spaces or hyphens anywhere (as {@link #parse} takes it; written for the pattern attribute's
     * {@code v} flag, so the hyphen in a class is escaped).
     */
    static final String CARD_PATTERN = "[ \\-]*(?:[0-9][ \\-]*){4}|[ \\-]*(?:[0-9][ \\-]*){6}(?:[*•xX][ \\-]*){2,9}(?:[0-9][ \\-]*){4}";
    private static final Pattern MASKED = Pattern.compile("([0-9]{6})[*•xX]{2,9}([0-9]{4})");
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
    /** The years a time filter may name; anything else is a typing slip (and out of the database's range). */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final int MAX_PAGE = 10_000;

    public boolean valid() {
        return errors.isEmpty();
    }

    public boolean byCard() {
        return cardLast4 != null;
    }

    public boolean any() {
        return !decisions.isEmpty() || minScore != null || maxScore != null || cardLast4 != null || merchant != null
                || from != null || to != null;
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean checked(String decision) {
        return decisions.stream().anyMatch(d -> d.name().equals(decision));
    }

    static DecisionFilter parse(List<String> decisionValues, String minScore, String maxScore, String card,
            String merchant, String from, String to, String page) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();

        Set<Decision> decisions = EnumSet.noneOf(Decision.class);
        for (String value : decisionValues == null ? List.<String>of() : decisionValues) {
            try {
                decisions.add(Decision.valueOf(value.strip()));
            } catch (IllegalArgumentException e) {
                errors.put("decision", "console.filter.error.decision");
            }
        }

        Double min = score("minScore", minScore, values, errors);
        Double max = score("maxScore", maxScore, values, errors);
        if (min != null && max != null && min > max) {
            errors.put("maxScore", "console.filter.error.score-order");
        }

        String bin = null;
        String last4 = null;
        String cardText = blankToNull(card);
        if (cardText != null) {
            String compact = cardText.replace(" ", "").replace("-", "");
            Matcher masked = MASKED.matcher(compact);
            if (CardNumbers.mayHoldCardNumber(cardText)) {
                errors.put("card", "console.filter.error.card-full"); // and the number is not shown again
            } else if (LAST4.matcher(compact).matches()) {
                last4 = compact;
                values.put("card", compact);
            } else if (masked.matches()) {
                bin = masked.group(1);
                last4 = masked.group(2);
                values.put("card", compact);
            } else {
                values.put("card", cardText);
                errors.put("card", "console.filter.error.card");
            }
        }

        String merchantText = blankToNull(merchant);
        if (merchantText != null && CardNumbers.holdsDigitRun(merchantText)) {
            errors.put("merchant", "console.filter.error.merchant-digits"); // not shown again, not searched for
            merchantText = null;
        } else if (merchantText != null) {
            values.put("merchant", merchantText);
            if (merchantText.length() > 99) {
                errors.put("merchant", "console.filter.error.merchant");
            }
        }

        Instant fromAt = moment("from", from, values, errors);
        Instant toAt = moment("to", to, values, errors);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            errors.put("to", "console.filter.error.time-order");
        }

        int pageNumber = 1;
        String pageText = blankToNull(page);
        if (pageText != null) {
            try {
                pageNumber = Integer.parseInt(pageText);
            } catch (NumberFormatException e) {
                pageNumber = 0;
            }
            if (pageNumber < 1 || pageNumber > MAX_PAGE) {
                errors.put("page", "console.filter.error.page");
                pageNumber = 1;
            }
        }
        return new DecisionFilter(Set.copyOf(decisions), min, max, bin, last4, merchantText, fromAt, toAt, pageNumber,
                values, errors);
    }

    private static Double score(String field, String text, Map<String, String> values, Map<String, String> errors) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        values.put(field, value);
        try {
            double score = Double.parseDouble(value);
            if (!value.matches("[0-9]*\\.?[0-9]+|[0-9]+\\.") || score < 0 || score > 1) {
                errors.put(field, "console.filter.error.score");
                return null;
            }
            return score;
        } catch (NumberFormatException e) {
            errors.put(field, "console.filter.error.score");
            return null;
        }
    }

    /** A Japan-time moment as a datetime-local field sends it (2026-12-07T09:58, seconds optional), or a day. */
    private static Instant moment(String field, String text, Map<String, String> values, Map<String, String> errors) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        values.put(field, value);
        try {
            LocalDateTime at = value.indexOf('T') < 0 && value.indexOf(' ') < 0 ? LocalDate.parse(value).atStartOfDay()
                    : LocalDateTime.parse(value.replace(' ', 'T'));
            if (at.getYear() < FIRST_YEAR || at.getYear() > LAST_YEAR) {
                errors.put(field, "console.filter.error.time-range");
                return null;
            }
            return at.atZone(Display.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "console.filter.error.time");
            return null;
        }
    }

    /** The fields refused as possibly holding a card number: kept out of the page and its links. */
    List<String> withheld() {
        return errors.entrySet().stream()
                .filter(e -> e.getValue().equals("console.filter.error.card-full")
                        || e.getValue().equals("console.filter.error.merchant-digits"))
                .map(Map.Entry::getKey).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The card as the list's query string and the page show it: last four, or BIN and last four masked. */
    static String cardParameter(String bin, String last4) {
        return bin == null ? last4 : bin + "******" + last4;
    }

    @Override
    public String toString() {
        return "DecisionFilter" + values.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }
}
