package dev.anshin.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("disclosure", "", pairs("customerId", document.customerId(), "producedAt",
                document.producedAt().toString(), "language", document.language())));
        for (Map.Entry<String, String> value : document.values().entrySet()) {
            String label = PersonalField.named(value.getKey())
                    .map(f -> "en".equals(document.language()) ? f.labelEn() : f.labelJa()).orElse(value.getKey());
            rows.add(row("value", value.getKey(), pairs("label", label, "value", value.getValue())));
        }
        for (DisclosureDocument.Held held : document.held()) {
            String label = "en".equals(document.language()) ? held.labelEn() : held.labelJa();
            for (Map<String, String> item : held.items()) {
                Map<String, String> pairs = new LinkedHashMap<>();
                item.forEach((key, value) -> {
                    if (!"text".equals(key)) {
                        pairs.put(key, value);
                    }
                });
                pairs.put("label", label);
                pairs.put("text", item.get("text"));
                rows.add(row("held", held.entry(), pairs));
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
        int width = rows.stream().mapToInt(List::size).max().orElse(2);
        List<String> header = new ArrayList<>(List.of("section", "entry"));
        for (int pair = 1; header.size() < width; pair++) {
            header.add("key" + pair);
            header.add("value" + pair);
        }
        StringBuilder csv = new StringBuilder();
        line(csv, header, width);
        for (List<String> row : rows) {
            line(csv, row, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(csv.length() * 2 + BOM.length);
        out.writeBytes(BOM);
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
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

    private static void line(StringBuilder csv, List<String> cells, int width) {
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(i < cells.size() ? cell(cells.get(i)) : "");
        }
        csv.append("\r\n");
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
