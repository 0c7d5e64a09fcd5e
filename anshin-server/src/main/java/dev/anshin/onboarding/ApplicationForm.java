package dev.anshin.onboarding;

import dev.anshin.privacy.PersonalField;
import dev.anshin.screening.Housing;
import dev.anshin.screening.PaymentCapacity;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form's fields, step by step, and their checks: pure, so the pages, the partner API and the tests
 * check the same way. Values are normalised (full-width digits to ASCII, spaces trimmed) before they
 * are checked and stored.
 */
public final class ApplicationForm {

    /** The form's field names, per step, in the form's order. */
    public static final Map<ApplicationStep, List<String>> FIELDS = Map.of(
            ApplicationStep.ABOUT_YOU, List.of("nameKanji", "nameKana", "dateOfBirth", "address", "phone", "email"),
            ApplicationStep.WORK_AND_MONEY, List.of("employer", "annualIncome", "householdSize", "housing",
                    "annualCreditRepayments"),
            ApplicationStep.LIMITS_AND_CONSENT, List.of("requestedRevolving", "requestedCashAdvance", "consent"));

    /** How each field is asked for on the page: text, date, tel, email, yen, number, select or checkbox. */
    public static final Map<String, String> KINDS = Map.ofEntries(Map.entry("nameKanji", "text"),
            Map.entry("nameKana", "text"), Map.entry("dateOfBirth", "date"), Map.entry("address", "text"),
            Map.entry("phone", "tel"), Map.entry("email", "email"), Map.entry("employer", "text"),
            Map.entry("annualIncome", "yen"), Map.entry("householdSize", "number"), Map.entry("housing", "select"),
            Map.entry("annualCreditRepayments", "yen"), Map.entry("requestedRevolving", "yen"),
            Map.entry("requestedCashAdvance", "yen"), Map.entry("consent", "checkbox"));

    /** The browser's autofill hint of each field (WCAG 1.3.5). */
    public static final Map<String, String> AUTOCOMPLETE = Map.ofEntries(Map.entry("nameKanji", "name"),
            Map.entry("nameKana", "off"), Map.entry("dateOfBirth", "bday"), Map.entry("address", "street-address"),
            Map.entry("phone", "tel"), Map.entry("email", "email"), Map.entry("employer", "organization"),
            Map.entry("annualIncome", "off"), Map.entry("householdSize", "off"), Map.entry("housing", "off"),
            Map.entry("annualCreditRepayments", "off"), Map.entry("requestedRevolving", "off"),
            Map.entry("requestedCashAdvance", "off"), Map.entry("consent", "off"));

    /** The vault field each personal form field goes to. */
    static final Map<String, PersonalField> VAULT = Map.of(
            "nameKanji", PersonalField.NAME_KANJI, "nameKana", PersonalField.NAME_KANA,
            "dateOfBirth", PersonalField.DATE_OF_BIRTH, "address", PersonalField.ADDRESS, "phone", PersonalField.PHONE,
            "email", PersonalField.EMAIL, "employer", PersonalField.EMPLOYER, "annualIncome", PersonalField.ANNUAL_INCOME,
            "householdSize", PersonalField.HOUSEHOLD_SIZE, "housing", PersonalField.HOUSING);

    /** The vault's housing codes the form offers, in its order. */
    public static final List<String> HOUSING = List.of("RENTED", "OWNED_WITH_MORTGAGE", "COMPANY_HOUSING", "OWNED",
            "FAMILY_HOME", "OTHER");

    static final int MINIMUM_AGE = 18;
    private static final long MAX_YEN = 100_000_000_000L;
    /** The highest limit an applicant may ask for, named in the field's problem. */
    static final long MAX_LIMIT = 10_000_000L;

    /** The issuer's limit rules the form checks (from the screening's settings). */
    public record LimitRules(long minimumRevolving, long step) {
    }

    private ApplicationForm() {
    }

    /** A step's values, normalised: only the step's fields, each trimmed (blank ones absent). */
    public static Map<String, String> normalise(ApplicationStep step, Map<String, String> input) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS.get(step)) {
            String value = input.get(field);
            if (value == null) {
                continue;
            }
            value = value.strip();
            if (Set.of("annualIncome", "householdSize", "annualCreditRepayments", "requestedRevolving",
                    "requestedCashAdvance", "phone", "dateOfBirth").contains(field)) {
                // Full-width digits and hyphens as typed on a Japanese keyboard; thousands separators.
                value = Normalizer.normalize(value, Normalizer.Form.NFKC).replace("ー", "-").replace("−", "-");
                if (!field.equals("phone") && !field.equals("dateOfBirth")) {
                    value = value.replace(",", "").replace("円", "").strip();
                }
            }
            if (field.equals("nameKana")) {
                value = Normalizer.normalize(value, Normalizer.Form.NFKC).replace(' ', '　');
            }
            if (!value.isEmpty()) {
                values.put(field, value);
            }
        }
        return values;
    }

    /** A birth date as people write it: 1985/4/1, 1985-4-1, 1985.4.1 or 1985年4月1日 (full-width digits too). */
    private static final Pattern WRITTEN_DATE = Pattern.compile("([0-9]{4})\\s*[/.年-]\\s*([0-9]{1,2})\\s*[/.月-]\\s*([0-9]{1,2})\\s*日?");

    /**
     * What a person typed on the page, eased before the usual normalising and checks (the partner API
     * keeps its strict formats): a birth date written with slashes, dots or 年月日 becomes yyyy-MM-dd when it
     * is a real date (strictly: 1985/2/30 stays as typed and is refused); hiragana in the kana name becomes
     * katakana; "other credit repayments" left blank is 0, as its hint says ("0 if none"). Nothing else changes.
     */
    public static Map<String, String> eased(Map<String, String> typed) {
        Map<String, String> eased = new LinkedHashMap<>(typed);
        String date = typed.get("dateOfBirth");
        if (date != null) {
            Matcher written = WRITTEN_DATE.matcher(Normalizer.normalize(date, Normalizer.Form.NFKC).strip()
                    .replace("ー", "-").replace("−", "-"));
            if (written.matches()) {
                try {
                    eased.put("dateOfBirth", LocalDate.of(Integer.parseInt(written.group(1)),
                            Integer.parseInt(written.group(2)), Integer.parseInt(written.group(3))).toString());
                } catch (java.time.DateTimeException notADate) {
                    // left as typed: the check says what is wrong
                }
            }
        }
        String kana = typed.get("nameKana");
        if (kana != null) {
            StringBuilder katakana = new StringBuilder(kana.length());
            kana.codePoints().forEach(c -> katakana.appendCodePoint(
                    (c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E ? c + 0x60 : c));
            eased.put("nameKana", katakana.toString());
        }
        String repayments = typed.get("annualCreditRepayments");
        if (repayments != null && repayments.isBlank()) {
            eased.put("annualCreditRepayments", "0");
        }
        return eased;
    }

    /** What is wrong with a step's normalised values; empty when nothing is. */
    public static List<FieldError> check(ApplicationStep step, Map<String, String> values, LocalDate today,
            LimitRules limits) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : FIELDS.get(step)) {
            String value = values.get(field);
            if (value == null) {
                if (!field.equals("requestedCashAdvance")) {
                    errors.add(new FieldError(field, field.equals("consent") ? "consent" : "required"));
                }
                continue;
            }
            String code = switch (field) {
                case "nameKanji", "address", "employer" -> VAULT.get(field).check(value)
                        .map(problem -> problem.startsWith("must be at most") ? "too-long" : "text").orElse(null);
                case "nameKana" -> VAULT.get(field).check(value)
                        .map(problem -> problem.startsWith("must be at most") ? "too-long" : "kana").orElse(null);
                case "dateOfBirth" -> birthDate(value, today);
                case "phone" -> VAULT.get(field).check(value).map(problem -> "phone").orElse(null);
                case "email" -> VAULT.get(field).check(value).map(problem -> email(value)).orElse(null);
                case "annualIncome", "annualCreditRepayments" -> yen(value);
                case "householdSize" -> household(value);
                case "housing" -> HOUSING.contains(value) ? null : "housing";
                case "requestedRevolving" -> limit(value, limits, true);
                case "requestedCashAdvance" -> limit(value, limits, false);
                case "consent" -> "true".equals(value) ? null : "consent";
                default -> "malformed";
            };
            if (code != null) {
                errors.add(new FieldError(field, code, switch (code) {
                    case "below-minimum" -> limits.minimumRevolving();
                    case "limit-step" -> limits.step();
                    case "too-large" -> field.startsWith("requested") ? MAX_LIMIT : MAX_YEN;
                    default -> null;
                }));
            }
        }
        return errors;
    }

    /** The step's vault values (field → text as the vault keeps it). */
    static Map<PersonalField, String> vaultValues(ApplicationStep step, Map<String, String> values) {
        Map<PersonalField, String> vault = new EnumMap<>(PersonalField.class);
        for (String field : FIELDS.get(step)) {
            PersonalField target = VAULT.get(field);
            if (target != null && values.containsKey(field)) {
                vault.put(target, values.get(field));
            }
        }
        return vault;
    }

    /** The screening's housing for the vault's code: rent or mortgage paid, or neither. */
    static Housing screeningHousing(String vaultHousing) {
        return switch (vaultHousing) {
            case "RENTED", "COMPANY_HOUSING" -> Housing.RENT;
            case "OWNED_WITH_MORTGAGE" -> Housing.MORTGAGE;
            default -> Housing.NONE;
        };
    }

    private static String birthDate(String value, LocalDate today) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return "date";
        }
        if (date.isAfter(today)) {
            return "future";
        }
        if (date.isBefore(today.minusYears(130))) {
            return "too-old";
        }
        return Period.between(date, today).getYears() < MINIMUM_AGE ? "under-18" : null;
    }

    /** What is wrong with an e-mail address the vault refused, in the applicant's terms. */
    private static String email(String value) {
        int at = value.indexOf('@');
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return "email-space";
        }
        if (at < 0) {
            return "email-at";
        }
        if (at != value.lastIndexOf('@')) {
            return "email-two-at";
        }
        if (at == 0) {
            return "email-local";
        }
        String domain = value.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")) {
            return "email-domain";
        }
        return value.length() > 254 ? "too-long" : "email";
    }

    private static String yen(String value) {
        if (!value.matches("-?[0-9]{1,15}")) {
            return "number";
        }
        long yen = Long.parseLong(value);
        return yen < 0 ? "negative" : yen > MAX_YEN ? "too-large" : null;
    }

    private static String household(String value) {
        if (!value.matches("-?[0-9]{1,4}")) {
            return "number";
        }
        int people = Integer.parseInt(value);
        return people < 1 || people > PaymentCapacity.MAX_HOUSEHOLD ? "household" : null;
    }

    private static String limit(String value, LimitRules limits, boolean revolving) {
        String yen = yen(value);
        if (yen != null) {
            return yen;
        }
        long amount = Long.parseLong(value);
        if (revolving && amount < limits.minimumRevolving()) {
            return "below-minimum";
        }
        if (amount > MAX_LIMIT) {
            return "too-large";
        }
        return amount % limits.step() == 0 ? null : "limit-step";
    }
}
