package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The disclosure's CSV: Excel-ready bytes, one row per item, every row as wide, no cell a spreadsheet runs. */
class DisclosureCsvTest {

    @Test
    void cellsASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe() {
        assertThat(DisclosureCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(DisclosureCsv.cell("+81 3 1234")).isEqualTo("'+81 3 1234");
        assertThat(DisclosureCsv.cell("-1200")).isEqualTo("'-1200");
        assertThat(DisclosureCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(DisclosureCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(DisclosureCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        // Only the first character counts: a formula sign inside a value is text already.
        assertThat(DisclosureCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(DisclosureCsv.cell("山田 花子")).isEqualTo("山田 花子");
    }

    @Test
    void cellsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        assertThat(DisclosureCsv.cell("Shibuya, Tokyo")).isEqualTo("\"Shibuya, Tokyo\"");
        assertThat(DisclosureCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DisclosureCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(DisclosureCsv.cell(" padded")).isEqualTo("\" padded\"");
        assertThat(DisclosureCsv.cell(null)).isEmpty();
    }

    @Test
    void theFileStartsWithAByteOrderMarkAndHasOneRowPerItemAllAsWide() {
        Map<String, String> purchase = new LinkedHashMap<>();
        purchase.put("authorizedAt", "2026-12-01T03:00:00Z");
        purchase.put("merchant", "=cmd|' /C calc'!A0");
        purchase.put("amountMinor", "-500");
        purchase.put("text", "2026-12-01 12:00 (JST) 500 yen");
        DisclosureDocument document = new DisclosureDocument("c-1", Instant.parse("2026-12-07T02:10:00Z"), "ja",
                Map.of("NAME_KANJI", "山田 花子"),
                List.of(new DisclosureDocument.PurposeState("MARKETING", "マーケティング", false)),
                List.of(new DisclosureDocument.Consent(7, Instant.parse("2026-12-02T00:00:00Z"), "MARKETING", null, null,
                        false, "PORTAL", "2026-12b")),
                List.of(),
                List.of(new DisclosureDocument.Held("PURCHASES", "ご利用", "Purchases", "PRODUCT_USAGE",
                        List.of(purchase, Map.of("text", "words only")))));

        byte[] bytes = DisclosureCsv.write(document);

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertThat(csv).endsWith("\r\n");
        // header, disclosure, one value, two held items, one purpose, one consent
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("section,entry,key1,value1,key2,value2,");
        assertThat(lines.get(1)).startsWith("disclosure,,customerId,c-1,producedAt,2026-12-07T02:10:00Z,language,ja");
        assertThat(lines.get(2)).startsWith("value,NAME_KANJI,label,氏名,value,山田 花子");
        assertThat(lines.get(3)).startsWith("held,PURCHASES,authorizedAt,2026-12-01T03:00:00Z,merchant,"
                + "'=cmd|' /C calc'!A0,amountMinor,'-500,label,ご利用,text,2026-12-01 12:00 (JST) 500 yen");
        assertThat(lines.get(4)).startsWith("held,PURCHASES,label,ご利用,text,words only");
        assertThat(lines.get(5)).startsWith("purpose,MARKETING,label,マーケティング,inForce,false");
        assertThat(lines.get(6)).startsWith("consent,MARKETING,seq,7,recordedAt,2026-12-02T00:00:00Z,granted,false");
        long width = lines.get(0).chars().filter(c -> c == ',').count();
        assertThat(lines).allSatisfy(line -> assertThat(line.chars().filter(c -> c == ',').count()).isEqualTo(width));
    }
}
