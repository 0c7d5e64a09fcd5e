package dev.anshin.handbook;

/** A Handbook CSV file that cannot be read: says where (line, column) and why. */
public final class HandbookCsvException extends RuntimeException {

    private final long line;
    private final String column;

    HandbookCsvException(long line, String column, String message) {
        super("line " + line + (column == null ? "" : ", column " + column) + ": " + message);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    /** The column's header name, or {@code null} when the problem is the whole line. */
    public String column() {
        return column;
    }
}
