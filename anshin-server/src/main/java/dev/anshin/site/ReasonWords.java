package dev.anshin.site;

import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * A decision's reasons in words staff read, in their language: each model feature's meaning with its
 * value in its unit (「このカードの直近30日の利用 75件」, "75 uses of this card in the last 30 days"),
 * each rule by its id and what it is for. The scoring core writes a feature reason as
 * {@code name=value} ({@code ScoringEngine.format}: about three significant digits, "missing" for
 * none); this class reads it back. Messages: {@code console.feature.<name>} (the sentence, the value as
 * {0}) and {@code console.feature.<name>.label} (the feature's name alone, for a missing value).
 */
@Component
public class ReasonWords {

    /** How a feature's value is shown. */
    enum Unit {
        /** A number of things: {0} is a whole number. */
        COUNT,
        /** An amount in major units of the authorization's currency: {0} is the amount through Display. */
        MONEY,
        /** ln(1 + amount): {0} is the amount it stands for, through Display. */
        LOG_MONEY,
        /** 0 or 1: {0} chooses the sentence. */
        FLAG,
        /** x times something: {0} is the factor. */
        RATIO,
        /** A share in [0, 1]: {0} is a percentage. */
        SHARE,
        /** Standard deviations: {0} is the signed number. */
        DEVIATIONS,
        /** Seconds: {0} is the duration in words. */
        SECONDS,
        /** Days: {0} is the number of days. */
        DAYS,
        /** An ISO 8583 entry-mode code: {0} is its name. */
        ENTRY_MODE
    }

    /** Every feature the scoring core computes ({@code FeatureEngine.schema()}), with its unit. */
    static final Map<String, Unit> UNITS = units();

    private final MessageSource messages;

    ReasonWords(MessageSource messages) {
        this.messages = messages;
    }

    /** A reason in words, with the model's contribution (features only) and the item's code. */
    public record Row(String kind, String words, String code, String weight) {
    }

    /**
     * A decision's reasons as rows of the shared reason table ({@code site/reasons.html}), in the
     * order the decision gives them; amounts in {@code currency} (the authorization's).
     */
    public List<Row> rows(List<Reason> reasons, String currency, Locale locale) {
        return reasons.stream().map(r -> new Row(r.kind().name(), words(r, currency, locale), r.code(),
                r.kind() == Reason.Kind.FEATURE ? String.format(Locale.ROOT, "%+.3f", r.weight()) : "")).toList();
    }

    /** One reason in words, in {@code locale}; amounts in {@code currency} (the authorization's). */
    public String words(Reason reason, String currency, Locale locale) {
        if (reason.kind() == Reason.Kind.RULE) {
            return rule(reason, locale);
        }
        if (reason.kind() == Reason.Kind.DEVICE) {
            // the device module's own words for its reason codes (devices.reason.<CODE>)
            return message("console.reason.device", locale,
                    messages.getMessage("devices.reason." + reason.code(), null, reason.code(), locale));
        }
        Unit unit = UNITS.get(reason.code());
        String value = valueOf(reason);
        if (unit == null || value == null) {
            // A feature this console does not know yet (a newer core): its name and value as written.
            return reason.description();
        }
        if (value.equals("missing")) {
            // the label, and why a value can be missing ("（不正なし）") where there is a reason to say
            return message("console.reason.missing", locale, label(reason.code(), locale)
                    + messages.getMessage("console.feature." + reason.code() + ".absent", null, "", locale));
        }
        double number;
        try {
            number = Double.parseDouble(value.replace("inf", "Infinity"));
        } catch (NumberFormatException e) {
            return reason.description();
        }
        if (Double.isInfinite(number)) {
            return message("console.reason.unbounded", locale,
                    message("console.feature." + reason.code() + ".label", locale));
        }
        return message("console.feature." + reason.code(), locale, argument(unit, number, currency, locale));
    }

    /**
     * A feature's name in words ({@code console.feature.<name>.label}), for lists of features such as the
     * rule editor's; the feature's own name when this console does not know it.
     */
    public String label(String feature, Locale locale) {
        return messages.getMessage("console.feature." + feature + ".label", null, feature, locale);
    }

    /**
     * The group a feature belongs to, for a list of them: the transaction itself, the card's history,
     * the terminal's, the merchant's, or the device's.
     */
    public static String group(String feature) {
        for (String prefix : List.of("card_", "terminal_", "merchant_", "device_")) {
            if (feature.startsWith(prefix) && !feature.equals("card_present")) {
                return prefix.substring(0, prefix.length() - 1);
            }
        }
        return "transaction";
    }

    private String rule(Reason reason, Locale locale) {
        String known = messages.getMessage("console.rule." + reason.code(), null, null, locale);
        if (known != null) {
            return known;
        }
        String description = reason.description() == null || reason.description().isBlank()
                ? message("console.reason.rule.undescribed", locale) : reason.description();
        return message("console.reason.rule", locale, reason.code(), description);
    }

    private Object argument(Unit unit, double value, String currency, Locale locale) {
        return switch (unit) {
            case COUNT -> Math.round(value);
            case FLAG -> value >= 0.5 ? 1 : 0;
            case MONEY -> money(value, currency, locale);
            case LOG_MONEY -> money(Math.expm1(value), currency, locale);
            case RATIO -> decimal(value, 2);
            case SHARE -> decimal(value * 100, 1) + "%";
            case DEVIATIONS -> (value > 0 ? "+" : "") + decimal(value, 2);
            case SECONDS -> duration(value, locale);
            case DAYS -> decimal(value, 1);
            case ENTRY_MODE -> entryMode(value, locale);
        };
    }

    private static String money(double major, String currency, Locale locale) {
        if (!Double.isFinite(major) || Math.abs(major) > 1e13) {
            return decimal(major, 0); // no real amount: shown as the number it is
        }
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        long minor = BigDecimal.valueOf(major).movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValue();
        return Display.money(minor, currency, locale);
    }

    /** Separators and at most {@code decimals} decimals, trailing zeros dropped: 1,234.5. */
    static String decimal(double value, int decimals) {
        DecimalFormat format = new DecimalFormat("#,##0." + "#".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private String duration(double seconds, Locale locale) {
        long s = Math.round(seconds);
        if (s < 60) {
            return message("console.unit.seconds", locale, s);
        }
        if (s < 3_600) {
            return message("console.unit.minutes", locale, s / 60);
        }
        if (s < 172_800) {
            return message("console.unit.hours", locale, decimal(seconds / 3_600, 1));
        }
        return message("console.unit.days", locale, decimal(seconds / 86_400, 1));
    }

    private String entryMode(double code, Locale locale) {
        for (PosEntryMode mode : PosEntryMode.values()) {
            if (Integer.parseInt(mode.code()) == Math.round(code)) {
                return message("console.pos." + mode.name(), locale);
            }
        }
        return decimal(code, 0);
    }

    /** The value of a feature reason, from its description {@code name=value}; null if it is not one. */
    private static String valueOf(Reason reason) {
        String description = reason.description();
        String prefix = reason.code() + "=";
        return description != null && description.startsWith(prefix) ? description.substring(prefix.length()) : null;
    }

    private String message(String key, Locale locale, Object... arguments) {
        try {
            return messages.getMessage(key, arguments, locale);
        } catch (NoSuchMessageException e) {
            return key;
        }
    }

    private static Map<String, Unit> units() {
        Map<Unit, Set<String>> byUnit = Map.of(
                Unit.MONEY, Set.of("amount", "card_mean_amount_1h", "card_mean_amount_1d", "card_mean_amount_7d",
                        "card_mean_amount_30d"),
                Unit.LOG_MONEY, Set.of("log_amount"),
                Unit.FLAG, Set.of("is_weekend", "is_night", "card_present", "is_ecommerce", "card_first_terminal_use",
                        "card_first_device_use", "device_timezone_not_japan", "device_language_not_japanese",
                        "device_automation"),
                Unit.RATIO, Set.of("card_amount_ratio_30d", "card_amount_ratio_to_median_30d"),
                Unit.DEVIATIONS, Set.of("card_amount_zscore_30d"),
                Unit.SECONDS, Set.of("card_seconds_since_previous"),
                Unit.ENTRY_MODE, Set.of("pos_entry_code"),
                Unit.SHARE, Set.of("terminal_fraud_ratio_1d", "terminal_fraud_ratio_7d", "terminal_fraud_ratio_30d",
                        "merchant_fraud_ratio_1d", "merchant_fraud_ratio_7d", "merchant_fraud_ratio_30d",
                        "terminal_fraud_ratio_since_earliest", "merchant_fraud_ratio_since_earliest",
                        "device_fraud_ratio_30d"),
                Unit.DAYS, Set.of("terminal_days_since_earliest_fraud_60d", "terminal_days_since_latest_fraud_60d",
                        "merchant_days_since_earliest_fraud_60d", "merchant_days_since_latest_fraud_60d",
                        "terminal_calendar_days_since_earliest_fraud", "merchant_calendar_days_since_earliest_fraud",
                        "terminal_days_since_last_tx_before_earliest_fraud", "device_days_since_first_seen",
                        "device_days_since_earliest_fraud_60d"),
                Unit.COUNT, Set.of("card_tx_count_1h", "card_tx_count_1d", "card_tx_count_7d", "card_tx_count_30d",
                        "terminal_tx_count_1d", "terminal_tx_count_7d", "terminal_tx_count_30d",
                        "merchant_tx_count_1d", "merchant_tx_count_7d", "merchant_tx_count_30d",
                        "device_distinct_cards_30d", "terminal_label_tx_count_1d", "terminal_label_tx_count_7d",
                        "terminal_label_tx_count_30d", "merchant_label_tx_count_1d", "merchant_label_tx_count_7d",
                        "merchant_label_tx_count_30d", "card_known_frauds", "terminal_known_frauds_since_earliest",
                        "terminal_tx_count_since_earliest", "merchant_known_frauds_since_earliest",
                        "merchant_tx_count_since_earliest", "card_high_amount_count_7d", "device_tx_count_1h",
                        "device_tx_count_1d", "device_known_frauds_60d", "device_applications_30d", "device_customers",
                        "device_frauds_on_linked_cards"));
        return byUnit.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(name -> Map.entry(name, e.getKey())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static Stream<String> featureNames() {
        return UNITS.keySet().stream().sorted();
    }
}
