package dev.anshin.privacy;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A disclosure as CSV, one row per item: {@code section, entry}, then the item's values as key and
 * value pairs. Sections: {@code disclosure} (customerId, producedAt, language), {@code value} (entry: the
 * field's name; label, value), {@code held} (entry: the catalog entry; the module's named values, then
 * label and text), {@code purpose} (label, inForce), {@code consent} (entry: the purpose) and
 * {@code provision} (entry: the recipient's id). The header names as many pairs as the widest row and
 * shorter rows are padded, so every row has as many cells. UTF-8 with a byte-order mark and CRLF line
 * ends (Excel in Japan opens it as UTF-8); a cell beginning with {@code = + - @}, a tab or a carriage return
 * gets a leading apostrophe so a spreadsheet never runs it as a formula (CWE-1236); quoted as RFC 4180 asks.
 */
public final class DisclosureCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private DisclosureCsv() {
    }

    public static byte[] write(DisclosureDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(document, Map.of(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return out.toByteArray();
    }

    /**
     * The items of a long entry ({@link HeldElsewhere#longEntries}), read while they are written: {@code keys}
     * the named values each item carries, {@code each} hands every item (its named values, then its
     * {@code text}) to the writer and returns how many.
     */
    public record LongItems(List<String> keys, java.util.function.ToLongFunction<Consumer<Map<String, String>>> each) {
    }

    /**
     * Writes the document to {@code out}, each long entry's items (by entry name in {@code longItems}) from
     * its source instead of the document, as they are read: what is in memory is the document's other rows
     * and one item, however many items the long entries hold. The header is sized by the widest of the
     * other rows and the long entries' declared keys. {@code out} is flushed, not closed.
     */
    static void write(DisclosureDocument document, Map<String, LongItems> longItems, OutputStream out)
            throws IOException {
        // Rows, or a long entry's place among them (a one-cell row naming the entry), in order.
        List<List<String>> rows = new ArrayList<>();
        Map<Integer, DisclosureDocument.Held> longAt = new LinkedHashMap<>();
        rows.add(row("disclosure", "", pairs("customerId", document.customerId(), "producedAt",
                document.producedAt().toString(), "language", document.language())));
        for (Map.Entry<String, String> value : document.values().entrySet()) {
            String label = PersonalField.named(value.getKey())
                    .map(f -> "en".equals(document.language()) ? f.labelEn() : f.labelJa()).orElse(value.getKey());
            rows.add(row("value", value.getKey(), pairs("label", label, "value", value.getValue())));
        }
        int width = 2;
        for (DisclosureDocument.Held held : document.held()) {
            LongItems streamed = longItems.get(held.entry());
            if (streamed != null) {
                longAt.put(rows.size(), held);
                rows.add(List.of());
                width = Math.max(width, 2 + 2 * (streamed.keys().size() + 2));
                continue;
            }
            for (Map<String, String> item : held.items()) {
                rows.add(heldRow(held, label(document, held), item));
            }
        }
        for (DisclosureDocument.PurposeState purpose : document.purposes()) {
            rows.add(row("purpose", purpose.purpose(), pairs("label", purpose.label(), "inForce",
                    Boolean.toString(purpose.inForce()))));
        }
        for (DisclosureDocument.Consent consent : document.consents()) {
            rows.add(row("consent", consent.purpose(), pairs("seq", Long.toString(consent.seq()), "recordedAt",
                    consent.recordedAt().toString(), "granted", Boolean.toString(consent.granted()), "recipient",
                    consent.recipient(), "product", consent.product(), "channel", consent.channel(), "noticeVersion",
                    consent.noticeVersion())));
        }
        for (DisclosureDocument.ProvisionRecordItem record : document.provisionRecords()) {
            rows.add(row("provision", record.recipientId(), pairs("provisionId", record.provisionId(), "providedAt",
                    record.providedAt().toString(), "recipient", record.recipient(), "items",
                    String.join(";", record.items()), "consentSeq", Long.toString(record.consentSeq()))));
        }
        width = Math.max(width, rows.stream().mapToInt(List::size).max().orElse(2));
        List<String> header = new ArrayList<>(List.of("section", "entry"));
        for (int pair = 1; header.size() < width; pair++) {
            header.add("key" + pair);
            header.add("value" + pair);
        }
        out.write(BOM);
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        line(csv, header, width);
        for (int i = 0; i < rows.size(); i++) {
            DisclosureDocument.Held held = longAt.get(i);
            if (held == null) {
                line(csv, rows.get(i), width);
                continue;
            }
            String label = label(document, held);
            int rowWidth = width;
            longItems.get(held.entry()).each().applyAsLong(item -> {
                try {
                    line(csv, heldRow(held, label, item), rowWidth);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        csv.flush();
    }

    private static String label(DisclosureDocument document, DisclosureDocument.Held held) {
        return "en".equals(document.language()) ? held.labelEn() : held.labelJa();
    }

    private static List<String> heldRow(DisclosureDocument.Held held, String label, Map<String, String> item) {
        Map<String, String> pairs = new LinkedHashMap<>();
        item.forEach((key, value) -> {
            if (!"text".equals(key)) {
                pairs.put(key, value);
            }
        });
        pairs.put("label", label);
        pairs.put("text", item.get("text"));
        return row("held", held.entry(), pairs);
    }

    /** One cell as written: defused if a spreadsheet would read it as a formula, quoted if need be. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0
                || safe.startsWith(" ") || safe.endsWith(" ")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** A row of {@code width} cells (a wider one, with values no long entry declared, in full). */
    private static void line(Writer csv, List<String> cells, int width) throws IOException {
        for (int i = 0; i < Math.max(width, cells.size()); i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(i < cells.size() ? cell(cells.get(i)) : "");
        }
        csv.write("\r\n");
    }

    private static List<String> row(String section, String entry, Map<String, String> pairs) {
        List<String> row = new ArrayList<>(List.of(section, entry == null ? "" : entry));
        pairs.forEach((key, value) -> {
            row.add(key);
            row.add(value == null ? "" : value);
        });
        return row;
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            pairs.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return pairs;
    }
}
