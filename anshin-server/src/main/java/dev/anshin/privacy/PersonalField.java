package dev.anshin.privacy;

import dev.anshin.problems.FreeText;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data catalog: every personal field the vault holds, with its category, sensitivity, whether it
 * identifies a person, where it comes from and how long it is kept after the customer's contract ends.
 * Values are stored encrypted with the customer's own key; {@link #check} never echoes a value back,
 * so a rejected value cannot leak into a problem response or a log.
 */
public enum PersonalField {
    NAME_KANJI("氏名", "Name", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.ALONE, DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return length(value, 100).or(() -> freeText(value));
        }
    },
    NAME_KANA("氏名（カナ）", "Name (kana)", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.ALONE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return length(value, 100).or(() -> KANA.matcher(value).matches()
                    ? Optional.empty() : Optional.of("must be written in full-width katakana"));
        }
    },
    DATE_OF_BIRTH("生年月日", "Date of birth", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM,
            Identifiability.BY_EASY_LINKAGE, DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            try {
                LocalDate date = LocalDate.parse(value);
                LocalDate today = LocalDate.now();
                return date.isAfter(today) || date.isBefore(today.minusYears(130))
                        ? Optional.of("must be a past date within 130 years") : Optional.empty();
            } catch (DateTimeParseException e) {
                return Optional.of("must be a date in the form yyyy-MM-dd");
            }
        }
    },
    ADDRESS("住所", "Address", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.BY_EASY_LINKAGE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return length(value, 300).or(() -> freeText(value));
        }
    },
    PHONE("電話番号", "Phone number", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.BY_EASY_LINKAGE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return PHONE_NUMBER.matcher(value).matches() && digits(value) >= 10 && digits(value) <= 15
                    ? Optional.empty() : Optional.of("must be 10 to 15 digits, optionally with +, spaces or hyphens");
        }
    },
    EMAIL("メールアドレス", "E-mail address", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.ALONE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return value.length() <= 254 && EMAIL_ADDRESS.matcher(value).matches()
                    ? Optional.empty() : Optional.of("must be an e-mail address");
        }
    },
    EMPLOYER("勤務先", "Employer", DataCategory.ATTRIBUTES, Sensitivity.MEDIUM, Identifiability.BY_EASY_LINKAGE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return length(value, 200).or(() -> freeText(value));
        }
    },
    ANNUAL_INCOME("年収（円）", "Annual income (yen)", DataCategory.MONEY, Sensitivity.HIGH,
            Identifiability.BY_EASY_LINKAGE, DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return integer(value, 0, 100_000_000_000L);
        }
    },
    HOUSEHOLD_SIZE("世帯人数", "Household size", DataCategory.ATTRIBUTES, Sensitivity.LOW,
            Identifiability.BY_EASY_LINKAGE, DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return integer(value, 1, 20);
        }
    },
    HOUSING("住居", "Housing", DataCategory.MONEY, Sensitivity.MEDIUM, Identifiability.BY_EASY_LINKAGE,
            DataOrigin.PERSON) {
        @Override
        Optional<String> problem(String value) {
            return HOUSING_TYPES.contains(value)
                    ? Optional.empty() : Optional.of("must be one of " + String.join(", ", HOUSING_TYPES));
        }
    },
    CUSTOMER_NUMBER("会員番号", "Customer number", DataCategory.MANAGEMENT, Sensitivity.MEDIUM,
            Identifiability.BY_EASY_LINKAGE, DataOrigin.DERIVED) {
        @Override
        Optional<String> problem(String value) {
            return MANAGEMENT_NUMBER.matcher(value).matches()
                    ? Optional.empty() : Optional.of("must be 1 to 32 letters, digits or hyphens");
        }
    };

    /** Kept this long after the customer's last contract ends, then erased. */
    public static final Period RETENTION_AFTER_CONTRACT = Period.ofYears(5);

    private static final Pattern KANA = Pattern.compile("[\\p{InKatakana}\\u3000 ]+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9][0-9 -]*[0-9]");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern MANAGEMENT_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Set<String> HOUSING_TYPES =
            Set.of("OWNED", "OWNED_WITH_MORTGAGE", "RENTED", "FAMILY_HOME", "COMPANY_HOUSING", "OTHER");

    private final String labelJa;
    private final String labelEn;
    private final DataCategory category;
    private final Sensitivity sensitivity;
    private final Identifiability identifiability;
    private final DataOrigin origin;

    PersonalField(String labelJa, String labelEn, DataCategory category, Sensitivity sensitivity,
            Identifiability identifiability, DataOrigin origin) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.category = category;
        this.sensitivity = sensitivity;
        this.identifiability = identifiability;
        this.origin = origin;
    }

    /**
     * What is wrong with a value, in words that never repeat the value; empty when it is fine. No field
     * takes control or bidirectional formatting characters; free text (names, address, employer) takes
     * no card number either ({@link FreeText}).
     */
    public Optional<String> check(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("must not be blank");
        }
        return FreeText.characterProblem(value).or(() -> problem(value));
    }

    abstract Optional<String> problem(String value);

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    public DataCategory category() {
        return category;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    public Identifiability identifiability() {
        return identifiability;
    }

    public DataOrigin origin() {
        return origin;
    }

    /** Field names, sorted and comma-separated: how a set of fields is stored and audited (never values). */
    static String names(java.util.Set<PersonalField> fields) {
        return fields.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    /** The fields a stored {@link #names} list holds (unknown names, from an older catalog, are skipped). */
    static java.util.Set<PersonalField> fromNames(String list) {
        java.util.Set<PersonalField> fields = java.util.EnumSet.noneOf(PersonalField.class);
        if (list != null && !list.isBlank()) {
            for (String name : list.split(",")) {
                named(name).ifPresent(fields::add);
            }
        }
        return fields;
    }

    /** The field named in a request, or empty for a name that is not in the catalog. */
    public static Optional<PersonalField> named(String name) {
        for (PersonalField field : values()) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> freeText(String value) {
        return FreeText.problem(value);
    }

    private static Optional<String> length(String value, int max) {
        return value.length() <= max ? Optional.empty() : Optional.of("must be at most " + max + " characters");
    }

    private static Optional<String> integer(String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            return n >= min && n <= max ? Optional.empty()
                    : Optional.of("must be a whole number from " + min + " to " + max);
        } catch (NumberFormatException e) {
            return Optional.of("must be a whole number from " + min + " to " + max);
        }
    }

    private static long digits(String value) {
        return value.chars().filter(Character::isDigit).count();
    }
}
