package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportEncodingTest {

    private static final String CSV = "受付日時,内容\r\n2026/04/01 09:30,ポイントの還元率を上げてほしい①\r\n";
    private static final Charset SJIS = Charset.forName("windows-31j");

    @TempDir
    Path dir;

    private Path file(byte[]... parts) throws Exception {
        Path file = Files.createTempFile(dir, "export", ".csv");
        for (byte[] part : parts) {
            Files.write(file, part, java.nio.file.StandardOpenOption.APPEND);
        }
        return file;
    }


    @Test
    void autoReadsUtf8WithoutAByteOrderMark() throws Exception {
        Path file = file(CSV.getBytes(StandardCharsets.UTF_8));
        ImportEncoding resolved = ImportEncoding.AUTO.resolve(file);
        assertThat(resolved).isEqualTo(ImportEncoding.UTF_8);
        assertThat(text(resolved, file)).isEqualTo(CSV);
    }

    @Test
    void autoReadsUtf8WithAByteOrderMarkAndDropsTheMark() throws Exception {
        Path file = file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV.getBytes(StandardCharsets.UTF_8));
        ImportEncoding resolved = ImportEncoding.AUTO.resolve(file);
        assertThat(resolved).isEqualTo(ImportEncoding.UTF_8);
        assertThat(text(resolved, file)).isEqualTo(CSV);
    }

    @Test
    void autoFallsBackToShiftJisIncludingWindowsCharacters() throws Exception {
        Path file = file(CSV.getBytes(SJIS));
        ImportEncoding resolved = ImportEncoding.AUTO.resolve(file);
        assertThat(resolved).isEqualTo(ImportEncoding.WINDOWS_31J);
        assertThat(text(resolved, file)).isEqualTo(CSV);
    }

    @Test
    void aChosenEncodingTheFileIsNotInIsRefused() throws Exception {
        Path file = file(CSV.getBytes(SJIS));
        assertThatThrownBy(() -> ImportEncoding.UTF_8.resolve(file))
                .isInstanceOfSatisfying(ImportEncoding.UnreadableFile.class,
                        e -> assertThat(e.tried()).isEqualTo(ImportEncoding.UTF_8));
        assertThat(ImportEncoding.WINDOWS_31J.resolve(file)).isEqualTo(ImportEncoding.WINDOWS_31J);
    }

    @Test
    void bytesValidInNeitherEncodingAreRefusedNeverReplaced() throws Exception {
        // 0xFF is no lead byte in either; 0x80 alone is neither UTF-8 nor mapped in Windows-31J
        Path file = file("受付日時,内容\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x80, (byte) 0xFF, 0x0A});
        assertThatThrownBy(() -> ImportEncoding.AUTO.resolve(file))
                .isInstanceOfSatisfying(ImportEncoding.UnreadableFile.class,
                        e -> assertThat(e.tried()).isEqualTo(ImportEncoding.AUTO));
    }

    @Test
    void theFormsValueIsAnEncodingsNameElseAuto() {
        assertThat(ImportEncoding.of("windows_31j")).isEqualTo(ImportEncoding.WINDOWS_31J);
        assertThat(ImportEncoding.of("UTF_8")).isEqualTo(ImportEncoding.UTF_8);
        assertThat(ImportEncoding.of(null)).isEqualTo(ImportEncoding.AUTO);
        assertThat(ImportEncoding.of("latin1")).isEqualTo(ImportEncoding.AUTO);
    }

    private static String text(ImportEncoding encoding, Path file) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Reader in = encoding.reader(file)) {
            char[] buffer = new char[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.append(buffer, 0, n);
            }
        }
        return out.toString();
    }
}
