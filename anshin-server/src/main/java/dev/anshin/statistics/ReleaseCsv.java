package dev.anshin.statistics;

/** A released table as CSV (RFC 4180): the dimensions, the measure, the cardholders; released cells only. */
final class ReleaseCsv {

    private ReleaseCsv() {
    }

    static String of(Release.Table table) {
        StringBuilder csv = new StringBuilder();
        for (String dimension : table.dimensions()) {
            csv.append(field(dimension)).append(',');
        }
        csv.append(field(table.measure())).append(",CARDHOLDERS\r\n");
        for (Release.Row row : table.cells()) {
            for (String value : row.values()) {
                csv.append(field(value)).append(',');
            }
            csv.append(row.value()).append(',').append(row.cardholders()).append("\r\n");
        }
        return csv.toString();
    }

    /** Quoted when needed; a leading formula character is defused for spreadsheets. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
