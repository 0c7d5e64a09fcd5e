package dev.anshin.voice.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An import's error report as CSV (RFC 4180): one line per refused row with its number (1 = the first row after the
 * header), the field at fault, the reason's code and the reason in words. UTF-8 with a byte-order mark and CRLF, as
 * the statistics CSV (Excel in Japan opens it as UTF-8); a cell beginning with {@code = + - @}, a tab or a carriage
 * return gets a leading apostrophe (CWE-1236). Written as it is read, one line at a time.
 */
final class ImportErrorsCsv implements AutoCloseable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Writer out;
    private final Function<VoiceImport.RowError, String> words;

    /** Writes the mark and the header ({@code row,field,reason,description}, the last in the reader's language). */
    ImportErrorsCsv(OutputStream stream, String descriptionHeader, Function<VoiceImport.RowError, String> words)
            throws IOException {
        stream.write(BOM);
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        this.words = words;
        out.write("row,field,reason," + field(descriptionHeader) + "\r\n");
    }

    void write(VoiceImport.RowError error) {
        try {
            out.write(error.row() + "," + field(error.field()) + "," + field(error.reason()) + ","
                    + field(words.apply(error)) + "\r\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    /** Quoted when needed; a leading formula character, tab or carriage return is defused for spreadsheets. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
