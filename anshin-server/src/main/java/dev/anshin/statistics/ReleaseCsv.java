package dev.anshin.statistics;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A released table as CSV (RFC 4180), one line per cell of the report's domain (as {@link ReleaseFigure}
 * rebuilds it from the stored definition), in the report's order: the dimension values, the noisy value,
 * the noisy cardholder count (once: for a CARDHOLDERS report it is the value) and {@code SUPPRESSED}
 * ({@code true}: fewer than k cardholders or below the noisy threshold, the value and count left empty;
 * such a cell is in no total). A column rather than a comment line, so any CSV reader takes it. UTF-8 with
 * a byte-order mark and CRLF line ends, as the disclosure CSV (Excel in Japan opens it as UTF-8); a cell
 * beginning with {@code = + - @}, a tab or a carriage return gets a leading apostrophe (CWE-1236).
 */
final class ReleaseCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final String SUPPRESSED = "SUPPRESSED";

    private ReleaseCsv() {
    }

    /** The CSV as sent: the byte-order mark, then the text in UTF-8. */
    static byte[] bytes(Release.Table table, ReportDefinition.Body definition, Set<String> countries) {
        byte[] text = of(table, definition, countries).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    /** The CSV text; {@code countries} are the BIN table's countries (the domain of CARDHOLDER_COUNTRY). */
    static String of(Release.Table table, ReportDefinition.Body definition, Set<String> countries) {
        boolean cardholdersMeasure = Measure.CARDHOLDERS.name().equals(table.measure());
        StringBuilder csv = new StringBuilder();
        for (String dimension : table.dimensions()) {
            csv.append(field(dimension)).append(',');
        }
        csv.append(field(table.measure())).append(cardholdersMeasure ? "" : ",CARDHOLDERS").append(',')
                .append(SUPPRESSED).append("\r\n");
        for (ReleaseFigure.DomainCell cell : ReleaseFigure.of(table, definition, countries, v -> v).cells()) {
            for (String value : cell.values()) {
                csv.append(field(value)).append(',');
            }
            Release.Row row = cell.released();
            csv.append(row == null ? "" : row.value()).append(',');
            if (!cardholdersMeasure) {
                csv.append(row == null ? "" : row.cardholders()).append(',');
            }
            csv.append(row == null).append("\r\n");
        }
        return csv.toString();
    }

    /** Quoted when needed; a leading formula character, tab or carriage return is defused for spreadsheets. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
