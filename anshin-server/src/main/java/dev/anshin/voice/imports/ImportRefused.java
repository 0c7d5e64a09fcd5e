package dev.anshin.voice.imports;

/** An upload that starts no import, and why; the upload page says so in words. Nothing is stored. */
final class ImportRefused extends Exception {

    enum Reason {
        /** No file, or an empty one. */
        EMPTY_FILE,
        /** Not valid text in the encoding chosen (or in UTF-8 or Shift_JIS, for automatic detection). */
        ENCODING,
        /** The header row lacks a required column ({@link #column()}). */
        MISSING_COLUMN,
        /** The header row names a column twice ({@link #column()}). */
        DUPLICATE_COLUMN,
        /** The first row is not CSV at all. */
        UNREADABLE,
        /** Imports are already queued: try again in a few minutes (the same file then resumes). */
        BUSY
    }

    private final Reason reason;
    private final ImportEncoding encoding;
    private final ExportColumn column;

    ImportRefused(Reason reason, ImportEncoding encoding, ExportColumn column) {
        super(reason + (column == null ? "" : " " + column), null, false, false);
        this.reason = reason;
        this.encoding = encoding;
        this.column = column;
    }

    Reason reason() {
        return reason;
    }

    /** The encoding tried, for {@link Reason#ENCODING}. */
    ImportEncoding encoding() {
        return encoding;
    }

    ExportColumn column() {
        return column;
    }
}
