package dev.anshin.voice.imports;

import java.time.Instant;

/**
 * One uploaded export and how far its import got. {@code accepted} counts the voices this import stored,
 * {@code already} the rows whose voice was stored before (the same call in an overlapping export, or rows done before
 * an interruption), {@code refused} the rows in the error report.
 */
record VoiceImport(String id, String fileSha256, String fileName, ImportEncoding encoding, Status status, int rowsRead,
        int accepted, int already, int refused, Instant startedAt, Instant finishedAt, String startedBy) {

    enum Status {
        /** Rows are being read (the page refreshes itself). */
        RUNNING,
        /** Every row read: each one stored, already there, or in the error report. */
        DONE,
        /** Stopped by an error that is not a row's (the rows before it are kept; the report says where). */
        FAILED,
        /** The server stopped while it ran: uploading the same file again resumes it (rows already stored are kept). */
        INTERRUPTED
    }

    boolean running() {
        return status == Status.RUNNING;
    }

    /** A refused row of the report: which row (1 = first data row), which field, why. */
    record RowError(int row, String field, String reason) {
    }
}
