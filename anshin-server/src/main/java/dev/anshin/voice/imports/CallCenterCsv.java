package dev.anshin.voice.imports;

import dev.anshin.voice.Channel;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a call-center export row by row (RFC 4180: quoted fields may hold commas, quotes and line breaks), never
 * holding more than one row: a header row names the columns ({@link ExportColumn}, Japanese or English), each
 * following row becomes a {@link Row} ready for the intake, or says which field is at fault and why. What the intake
 * checks itself (the text's length, whether it is empty, the customer) is left to the intake.
 */
final class CallCenterCsv implements Closeable, Iterable<CallCenterCsv.Row> {

    /** Where a call without an offset was taken. */
    static final ZoneId CALL_CENTER_ZONE = ZoneId.of("Asia/Tokyo");
    /** Most characters of a call id: the key "call:" + id fits voice_items.voice_key (100). */
    static final int MAX_CALL_ID = 90;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu/M/d H:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, Channel> CHANNEL_WORDS = Map.of("電話", Channel.CALL_CENTER, "ウェブ", Channel.WEB,
            "店舗", Channel.STORE, "アプリ", Channel.APP, "メール", Channel.MAIL);

    /** Why a row was not taken, and the field at fault ({@code row} for the row as a whole). */
    record Refusal(String field, String reason) {
    }

    /**
     * One data row (number 1 is the first after the header), parsed; {@code refusal} set when it cannot go to the
     * intake. {@code text} and {@code customerNumber} are the customer's: never logged ({@link #toString()}).
     */
    record Row(long number, String callId, Instant receivedAt, Channel channel, String customerNumber, String text,
            Refusal refusal) {

        static Row refused(long number, String field, String reason) {
            return new Row(number, null, null, null, null, null, new Refusal(field, reason));
        }

        @Override
        public String toString() {
            return "Row[" + number + (refusal == null ? "" : ", refused " + refusal) + "]";
        }
    }

    /** The header row does not name the columns an export needs. */
    static final class BadHeader extends Exception {

        enum Reason { EMPTY_FILE, MISSING_COLUMN, DUPLICATE_COLUMN, UNREADABLE }

        private final Reason reason;
        private final ExportColumn column;

        BadHeader(Reason reason, ExportColumn column) {
            super(reason + (column == null ? "" : " " + column));
            this.reason = reason;
            this.column = column;
        }

        Reason reason() {
            return reason;
        }

        /** The column missing or named twice, else null. */
        ExportColumn column() {
            return column;
        }
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<ExportColumn, Integer> columns;
    private final int width;
    private long number;

    private CallCenterCsv(CSVParser parser, Iterator<CSVRecord> records, Map<ExportColumn, Integer> columns, int width) {
        this.parser = parser;
        this.records = records;
        this.columns = columns;
        this.width = width;
    }

    /** Reads the header; the reader is closed with this. */
    static CallCenterCsv open(Reader reader) throws IOException, BadHeader {
        CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader);
        try {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new BadHeader(BadHeader.Reason.EMPTY_FILE, null);
            }
            CSVRecord header = records.next();
            Map<ExportColumn, Integer> columns = new EnumMap<>(ExportColumn.class);
            for (int i = 0; i < header.size(); i++) {
                var column = ExportColumn.named(header.get(i));
                if (column.isPresent() && columns.putIfAbsent(column.get(), i) != null) {
                    throw new BadHeader(BadHeader.Reason.DUPLICATE_COLUMN, column.get());
                }
            }
            for (ExportColumn c : ExportColumn.values()) {
                if (c.required() && !columns.containsKey(c)) {
                    throw new BadHeader(BadHeader.Reason.MISSING_COLUMN, c);
                }
            }
            return new CallCenterCsv(parser, records, columns, header.size());
        } catch (UncheckedIOException e) {
            parser.close();
            throw new BadHeader(BadHeader.Reason.UNREADABLE, null);
        } catch (BadHeader | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    /**
     * The rows, one at a time. A row the CSV grammar cannot read (a quote never closed, text after a closing quote)
     * ends the file: it comes as a refused row ({@code row}, {@code UNREADABLE_CSV}) and no row follows it.
     */
    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private boolean broken;
            private boolean unreadable;

            @Override
            public boolean hasNext() {
                if (broken) {
                    return false;
                }
                try {
                    return unreadable || records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    unreadable = true; // next() reports it
                    return true;
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                number++;
                if (!unreadable) {
                    try {
                        return parse(number, records.next());
                    } catch (UncheckedIOException | IllegalStateException e) {
                        // reported below
                    }
                }
                broken = true;
                return Row.refused(number, "row", "UNREADABLE_CSV");
            }
        };
    }

    private Row parse(long n, CSVRecord record) {
        if (record.size() != width) {
            return Row.refused(n, "row", "COLUMN_COUNT");
        }
        String callId = value(record, ExportColumn.CALL_ID);
        if (callId != null && callId.length() > MAX_CALL_ID) {
            return Row.refused(n, ExportColumn.CALL_ID.field(), "TOO_LONG");
        }
        String at = value(record, ExportColumn.RECEIVED_AT);
        if (at == null) {
            return Row.refused(n, ExportColumn.RECEIVED_AT.field(), "MISSING");
        }
        Instant receivedAt = instant(at);
        if (receivedAt == null) {
            return Row.refused(n, ExportColumn.RECEIVED_AT.field(), "BAD_DATE");
        }
        String channelValue = value(record, ExportColumn.CHANNEL);
        Channel channel = channelValue == null ? Channel.CALL_CENTER : channel(channelValue);
        if (channel == null) {
            return Row.refused(n, ExportColumn.CHANNEL.field(), "UNKNOWN_CHANNEL");
        }
        Integer textIndex = columns.get(ExportColumn.TEXT);
        return new Row(n, callId, receivedAt, channel, value(record, ExportColumn.CUSTOMER_NUMBER),
                record.get(textIndex), null);
    }

    /** The column's value stripped, null when the column is absent or the value blank. */
    private String value(CSVRecord record, ExportColumn column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** ISO-8601 with an offset ({@code 2026-04-01T09:30:00+09:00}, {@code …Z}), or {@code 2026/04/01 09:30} in Japan. */
    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(value, LOCAL).atZone(CALL_CENTER_ZONE).toInstant();
            } catch (DateTimeException notLocal) {
                return null;
            }
        }
    }

    /** A channel's name (any case) or its Japanese word; null when neither. */
    static Channel channel(String value) {
        Channel word = CHANNEL_WORDS.get(value);
        if (word != null) {
            return word;
        }
        for (Channel c : Channel.values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
