package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportErrorsCsvTest {

    @Test
    void writesAByteOrderMarkAHeaderAndOneCrlfLinePerRefusedRowWithFormulasDefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImportErrorsCsv csv = new ImportErrorsCsv(out, "説明", e -> e.reason().equals("X") ? "=HYPERLINK(\"x\")"
                : "日時として読めません")) {
            csv.write(new VoiceImport.RowError(3, "receivedAt", "BAD_DATE"));
            csv.write(new VoiceImport.RowError(7, "text", "X"));
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "row,field,reason,説明\r\n3,receivedAt,BAD_DATE,日時として読めません\r\n"
                        + "7,text,X,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }
}
