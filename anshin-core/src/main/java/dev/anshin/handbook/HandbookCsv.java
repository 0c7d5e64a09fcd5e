package dev.anshin.handbook;

import dev.anshin.scoring.AmountCeiling;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads and writes the Handbook's CSV layout: {@code TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID,
 * TERMINAL_ID, TX_AMOUNT, TX_TIME_SECONDS, TX_TIME_DAYS, TX_FRAUD, TX_FRAUD_SCENARIO}.
 *
 * <p>The reader finds columns by header name in any order, ignores others (such as a pandas index
 * column), accepts quoted fields and needs only TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID,
 * TERMINAL_ID, TX_AMOUNT and TX_FRAUD: missing TX_TIME_SECONDS/TX_TIME_DAYS are counted from
 * midnight of the first row's date, a missing scenario is 0. Anshin's optional {@code DEVICE_ID}
 * column (written by the simulator's device layer) gives card-not-present rows their device; an
 * empty field or no such column means card-present. Parsing is hand-rolled (no regex, no
 * per-field objects beyond the ids) so 1.75M rows stream in a couple of seconds.
 */
public final class HandbookCsv {

    public static final List<String> HEADER = List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID",
            "TX_AMOUNT", "TX_TIME_SECONDS", "TX_TIME_DAYS", "TX_FRAUD", "TX_FRAUD_SCENARIO");
    /**
     * An amount above what a card network carries (ISO 8583 DE4: 12 digits of minor units) is no
     * transaction: the file is refused at its line rather than read into wrapped-around numbers.
     */
    static final long MAX_AMOUNT_CENTS = AmountCeiling.NETWORK_MAXIMUM_MINOR;
    private static final String AMOUNT_RANGE = "an amount of at most 9999999999.99";
    private static final List<String> REQUIRED = List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID",
            "TERMINAL_ID", "TX_AMOUNT", "TX_FRAUD");

    private HandbookCsv() {
    }

    /** Anshin's optional column: the device of a card-not-present row, empty for a card-present one. */
    public static final String DEVICE_ID = "DEVICE_ID";

    /** Writes the simulation; with a {@code DEVICE_ID} column only when its parameters have a device layer. */
    public static void write(Path file, Simulation simulation) {
        write(file, simulation.transactions(),
                simulation.transactions().stream().anyMatch(t -> t.deviceId() != null));
    }

    /** Writes the book's columns only. */
    public static void write(Path file, Iterable<HandbookTransaction> transactions) {
        write(file, transactions, false);
    }

    /** Writes the book's columns and, when {@code withDevices}, {@link #DEVICE_ID} last. */
    public static void write(Path file, Iterable<HandbookTransaction> transactions, boolean withDevices) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", HEADER));
            if (withDevices) {
                out.write("," + DEVICE_ID);
            }
            out.write('\n');
            StringBuilder line = new StringBuilder(96);
            for (HandbookTransaction t : transactions) {
                line.setLength(0);
                line.append(t.transactionId()).append(',');
                appendDateTime(line, t.dateTime());
                line.append(',').append(t.customerId()).append(',').append(t.terminalId()).append(',');
                appendCents(line, t.amountCents());
                line.append(',').append(t.timeSeconds()).append(',').append(t.timeDays()).append(',')
                        .append(t.fraud() ? '1' : '0').append(',').append(t.fraudScenario());
                if (withDevices) {
                    line.append(',').append(t.deviceId() == null ? "" : t.deviceId());
                }
                line.append('\n');
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the whole file into memory (fine for tests and small files; prefer {@link #stream}). */
    public static List<HandbookTransaction> read(Path file) {
        List<HandbookTransaction> rows = new ArrayList<>();
        stream(file, rows::add);
        return rows;
    }

    /** Streams every row to {@code sink} in file order; returns the number of rows. */
    public static long stream(Path file, Consumer<HandbookTransaction> sink) {
        return streamWhile(file, row -> {
            sink.accept(row);
            return true;
        });
    }

    /**
     * Streams rows in file order until {@code sink} returns false (a time-ordered replay can stop
     * after its last window without reading the rest); returns the number of rows accepted.
     */
    public static long streamWhile(Path file, Predicate<HandbookTransaction> sink) {
        long[] lineNumber = {1};
        try {
            return streamWhile(file, sink, lineNumber);
        } catch (CharacterCodingException e) {
            throw new HandbookCsvException(lineNumber[0] + 1, null, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long streamWhile(Path file, Predicate<HandbookTransaction> sink, long[] lineNumber)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new HandbookCsvException(1, null, "empty file, expected a header");
            }
            Columns columns = Columns.of(split(headerLine, new ArrayList<>()));
            for (String required : REQUIRED) {
                if (columns.index(required) < 0) {
                    throw new HandbookCsvException(1, required, "missing column in header " + headerLine);
                }
            }
            RowParser parser = new RowParser(columns);
            List<String> fields = new ArrayList<>(16);
            long rows = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber[0]++;
                if (line.isBlank()) {
                    continue;
                }
                if (!sink.test(parser.parse(split(line, fields), lineNumber[0]))) {
                    break;
                }
                rows++;
            }
            return rows;
        }
    }

    /** Splits one line on commas, honouring double quotes ("" inside quotes is a quote). */
    static List<String> split(String line, List<String> fields) {
        fields.clear();
        int n = line.length();
        int i = 0;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            value.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                fields.add(value.toString());
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                int comma = line.indexOf(',', i);
                int stop = comma < 0 ? n : comma;
                int end = stop;
                if (end > i && line.charAt(end - 1) == '\r') {
                    end--;
                }
                fields.add(line.substring(i, end).trim());
                i = stop;
            }
            if (i >= n) {
                return fields;
            }
            i++; // past the comma
        }
    }

    private record Columns(Map<String, Integer> byName, int count) {

        static Columns of(List<String> header) {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.putIfAbsent(header.get(i).trim().toUpperCase(java.util.Locale.ROOT), i);
            }
            return new Columns(byName, header.size());
        }

        int index(String name) {
            return byName.getOrDefault(name, -1);
        }
    }

    private static final class RowParser {

        private final Columns columns;
        private final int id;
        private final int dateTime;
        private final int customer;
        private final int terminal;
        private final int amount;
        private final int seconds;
        private final int days;
        private final int fraud;
        private final int scenario;
        private final int device;
        // ids repeat millions of times: share one String per id
        private final Map<String, String> ids = new HashMap<>();
        private LocalDateTime origin;
        private List<String> fields;
        private long line;

        RowParser(Columns columns) {
            this.columns = columns;
            id = columns.index("TRANSACTION_ID");
            dateTime = columns.index("TX_DATETIME");
            customer = columns.index("CUSTOMER_ID");
            terminal = columns.index("TERMINAL_ID");
            amount = columns.index("TX_AMOUNT");
            seconds = columns.index("TX_TIME_SECONDS");
            days = columns.index("TX_TIME_DAYS");
            fraud = columns.index("TX_FRAUD");
            scenario = columns.index("TX_FRAUD_SCENARIO");
            device = columns.index(DEVICE_ID);
        }

        HandbookTransaction parse(List<String> fields, long line) {
            this.fields = fields;
            this.line = line;
            if (fields.size() < columns.count()) {
                throw new HandbookCsvException(line, null,
                        "expected " + columns.count() + " fields, found " + fields.size());
            }
            LocalDateTime at = parseDateTime(field(dateTime), "TX_DATETIME");
            if (origin == null) {
                origin = at.toLocalDate().atStartOfDay();
            }
            long timeSeconds = seconds >= 0 ? parseLong(field(seconds), "TX_TIME_SECONDS")
                    : ChronoUnit.SECONDS.between(origin, at);
            int timeDays = days >= 0 ? (int) parseLong(field(days), "TX_TIME_DAYS")
                    : (int) ChronoUnit.DAYS.between(origin.toLocalDate(), at.toLocalDate());
            return new HandbookTransaction(
                    parseLong(field(id), "TRANSACTION_ID"),
                    at,
                    id(field(customer), "CUSTOMER_ID"),
                    id(field(terminal), "TERMINAL_ID"),
                    parseCents(field(amount), "TX_AMOUNT"),
                    timeSeconds,
                    timeDays,
                    parseFlag(field(fraud), "TX_FRAUD"),
                    scenario >= 0 ? (int) parseLong(field(scenario), "TX_FRAUD_SCENARIO") : 0,
                    device >= 0 && !field(device).isEmpty() ? id(field(device), DEVICE_ID) : null);
        }

        private String field(int index) {
            return fields.get(index);
        }

        private String id(String value, String column) {
            if (value.isEmpty()) {
                throw new HandbookCsvException(line, column, "empty id");
            }
            // pandas may write integer ids as floats ("12.0")
            if (value.endsWith(".0") && isDigits(value, value.length() - 2)) {
                value = value.substring(0, value.length() - 2);
            }
            return ids.computeIfAbsent(value, v -> v);
        }

        private static boolean isDigits(String value, int end) {
            if (end == 0) {
                return false;
            }
            for (int i = 0; i < end; i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private long parseLong(String value, String column) {
            int n = value.length();
            if (n == 0) {
                throw error(column, value, "an integer");
            }
            int i = value.charAt(0) == '-' ? 1 : 0;
            if (i == n) {
                throw error(column, value, "an integer");
            }
            long result = 0;
            for (; i < n; i++) {
                char c = value.charAt(i);
                if (c == '.') {
                    // "12.0" from pandas float columns: only zeros may follow
                    for (int k = i + 1; k < n; k++) {
                        if (value.charAt(k) != '0') {
                            throw error(column, value, "an integer");
                        }
                    }
                    break;
                }
                if (c < '0' || c > '9') {
                    throw error(column, value, "an integer");
                }
                if (result > (Long.MAX_VALUE - (c - '0')) / 10) {
                    throw error(column, value, "an integer within 64 bits");
                }
                result = result * 10 + (c - '0');
            }
            return value.charAt(0) == '-' ? -result : result;
        }

        /** Decimal amount to cents, rounding half up beyond two decimals. */
        private long parseCents(String value, String column) {
            int n = value.length();
            long units = 0;
            long cents = 0;
            int decimals = 0;
            boolean point = false;
            boolean digits = false;
            boolean roundUp = false;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c == '.' && !point) {
                    point = true;
                } else if (c >= '0' && c <= '9') {
                    digits = true;
                    if (!point) {
                        units = units * 10 + (c - '0');
                        if (units > MAX_AMOUNT_CENTS / 100) {
                            throw error(column, value, AMOUNT_RANGE);
                        }
                    } else if (decimals < 2) {
                        cents = cents * 10 + (c - '0');
                        decimals++;
                    } else if (decimals == 2) {
                        roundUp = c >= '5';
                        decimals++;
                    }
                } else if (c == 'e' || c == 'E') {
                    return parseScientific(value, column);
                } else {
                    throw error(column, value, "a non-negative decimal amount");
                }
            }
            if (!digits) {
                throw error(column, value, "a non-negative decimal amount");
            }
            for (int d = Math.min(decimals, 2); d < 2; d++) {
                cents *= 10;
            }
            long total = units * 100 + cents + (roundUp ? 1 : 0);
            if (total > MAX_AMOUNT_CENTS) {
                throw error(column, value, AMOUNT_RANGE);
            }
            return total;
        }

        private long parseScientific(String value, String column) {
            try {
                double parsed = Double.parseDouble(value);
                if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                    throw error(column, value, "a non-negative decimal amount");
                }
                if (parsed * 100 > MAX_AMOUNT_CENTS) {
                    throw error(column, value, AMOUNT_RANGE);
                }
                return Math.round(parsed * 100);
            } catch (NumberFormatException e) {
                throw error(column, value, "a non-negative decimal amount");
            }
        }

        private boolean parseFlag(String value, String column) {
            switch (value) {
                case "0", "0.0", "False", "false" -> {
                    return false;
                }
                case "1", "1.0", "True", "true" -> {
                    return true;
                }
                default -> throw error(column, value, "0 or 1");
            }
        }

        /** yyyy-MM-dd HH:mm:ss (or with a T), optional fraction ignored. */
        private LocalDateTime parseDateTime(String value, String column) {
            if (value.length() < 19 || value.charAt(4) != '-' || value.charAt(7) != '-'
                    || (value.charAt(10) != ' ' && value.charAt(10) != 'T') || value.charAt(13) != ':'
                    || value.charAt(16) != ':') {
                throw error(column, value, "a date-time yyyy-MM-dd HH:mm:ss");
            }
            try {
                return LocalDateTime.of(
                        LocalDate.of(digits(value, 0, 4, column), digits(value, 5, 7, column),
                                digits(value, 8, 10, column)),
                        java.time.LocalTime.of(digits(value, 11, 13, column), digits(value, 14, 16, column),
                                digits(value, 17, 19, column)));
            } catch (java.time.DateTimeException e) {
                throw error(column, value, "a valid date-time");
            }
        }

        private int digits(String value, int from, int to, String column) {
            int result = 0;
            for (int i = from; i < to; i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    throw error(column, value, "a date-time yyyy-MM-dd HH:mm:ss");
                }
                result = result * 10 + (c - '0');
            }
            return result;
        }

        private HandbookCsvException error(String column, String value, String expected) {
            return new HandbookCsvException(line, column, "expected " + expected + ", found '" + value + "'");
        }
    }

    private static void appendDateTime(StringBuilder out, LocalDateTime t) {
        out.append(t.getYear()).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append(' ');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
    }

    private static StringBuilder two(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }

    static void appendCents(StringBuilder out, long cents) {
        out.append(cents / 100).append('.');
        two(out, (int) (cents % 100));
    }
}
