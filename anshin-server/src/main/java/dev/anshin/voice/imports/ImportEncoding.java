package dev.anshin.voice.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The character encodings a call-center export may come in, as chosen on the upload form. Decoding is always strict
 * ({@link CodingErrorAction#REPORT}): a byte sequence that is not valid text refuses the file rather than storing a
 * replacement character in a customer's words.
 */
enum ImportEncoding {

    /** UTF-8 if the whole file decodes strictly as UTF-8, else Windows-31J if it does so, else refused. */
    AUTO(null),
    /** UTF-8, with or without a byte-order mark. */
    UTF_8(StandardCharsets.UTF_8),
    /** Shift_JIS as Windows writes it (Windows-31J, "MS932"): what call-center systems and Excel in Japan export. */
    WINDOWS_31J(Charset.forName("windows-31j"));

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Charset charset;

    ImportEncoding(Charset charset) {
        this.charset = charset;
    }

    /** The form's value: an encoding's name; blank or unknown means {@link #AUTO}. */
    static ImportEncoding of(String value) {
        if (value != null) {
            for (ImportEncoding e : values()) {
                if (e.name().equalsIgnoreCase(value.strip())) {
                    return e;
                }
            }
        }
        return AUTO;
    }

    /**
     * The encoding this file is read with: the chosen one if the whole file decodes strictly in it; for
     * {@link #AUTO} UTF-8, else Windows-31J. Reads the file once more for each encoding tried.
     *
     * @throws UnreadableFile when the file is not valid text in the encoding (or either, for AUTO)
     */
    ImportEncoding resolve(Path file) throws IOException, UnreadableFile {
        if (this != AUTO) {
            if (!decodes(file, charset)) {
                throw new UnreadableFile(this);
            }
            return this;
        }
        if (decodes(file, UTF_8.charset)) {
            return UTF_8;
        }
        if (decodes(file, WINDOWS_31J.charset)) {
            return WINDOWS_31J;
        }
        throw new UnreadableFile(AUTO);
    }

    /** A strict reader of the file in this (resolved) encoding, past a UTF-8 byte-order mark. */
    Reader reader(Path file) throws IOException {
        if (charset == null) {
            throw new IllegalStateException("resolve the encoding first");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        if (this == UTF_8) {
            in.mark(BOM.length);
            if (!Arrays.equals(in.readNBytes(BOM.length), BOM)) {
                in.reset();
            }
        }
        return new InputStreamReader(in, strict(charset));
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether every byte of the file decodes in the charset; streams the file, one buffer at a time. */
    static boolean decodes(Path file, Charset charset) throws IOException {
        char[] buffer = new char[64 * 1024];
        try (Reader in = new InputStreamReader(new BufferedInputStream(Files.newInputStream(file), 64 * 1024),
                strict(charset))) {
            while (in.read(buffer) >= 0) {
                // only whether it decodes matters here
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The file is not valid text in the encoding chosen (or in either, for automatic detection). */
    static final class UnreadableFile extends Exception {

        private final ImportEncoding tried;

        UnreadableFile(ImportEncoding tried) {
            super("the file does not decode as " + tried);
            this.tried = tried;
        }

        ImportEncoding tried() {
            return tried;
        }
    }
}
