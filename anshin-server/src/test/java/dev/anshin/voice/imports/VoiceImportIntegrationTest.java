package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.voice.Channel;
import dev.anshin.voice.Source;
import dev.anshin.voice.Submission;
import dev.anshin.voice.VoiceIntake;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Uploading call-center exports through the pages, each row through the real intake. */
class VoiceImportIntegrationTest extends IntegrationTestSupport {

    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Autowired
    VoiceImportStore store;

    @Autowired
    VoiceIntake intake;

    @Autowired
    JdbcClient jdbc;

    /** The stored voice of an imported row, as the intake wrote it. */
    record StoredRow(String customerId, String importId, Integer importRow, Instant receivedAt, String channel,
            String source) {
    }

    private StoredRow stored(String voiceKey) {
        return jdbc.sql("SELECT customer_id, import_id, import_row, received_at, channel, source FROM voice_items "
                        + "WHERE submitted_by = ? AND voice_key = ?")
                .params(VoiceImports.SUBMITTED_BY, voiceKey)
                .query((rs, n) -> new StoredRow(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)))
                .single();
    }

    private static RequestPostProcessor agent() {
        return user("cs-import").roles(Role.CUSTOMER_SERVICE.name());
    }

    private MvcResult upload(String name, byte[] content, String encoding) throws Exception {
        return mvc.perform(multipart("/voice/imports").file(new MockMultipartFile("file", name, "text/csv", content))
                        .param("encoding", encoding).with(csrf()).with(agent()).locale(java.util.Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn();
    }

    /** Uploads and waits for the import to end; returns it. */
    private VoiceImport imported(String name, byte[] content, String encoding) throws Exception {
        String location = upload(name, content, encoding).getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/voice/imports/");
        return finished(location.substring("/voice/imports/".length()));
    }

    private VoiceImport finished(String id) throws Exception {
        for (int i = 0; i < 1200; i++) {
            VoiceImport found = store.find(id).orElseThrow();
            if (!found.running()) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + id + " still running");
    }

    private static String prefix() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String newCustomerNumber() throws Exception {
        String number = "V-" + UUID.randomUUID().toString().substring(0, 8);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber", number,
                "values", Map.of("NAME_KANJI", "声田花子", "EMAIL", "voice@example.jp")))
                .andExpect(status().isCreated());
        return number;
    }

    @Test
    void keepsTheGoodRowsAndReportsEachBadRowWithItsFieldAndReason() throws Exception {
        String p = prefix();
        String customer = newCustomerNumber();
        String csv = "受付番号,受付日時,チャネル,お客様番号,内容\r\n"
                + p + "-1,2026/04/01 09:30,電話,,年会費が高いので見直してほしいです\r\n"
                + p + "-2,2026/04/01 09:31,電話,,\r\n"
                + p + "-3,2026/04/01 09:32,電話,," + "長".repeat(2001) + "\r\n"
                + p + "-4,2026/04/31 09:33,電話,,日付が誤り\r\n"
                + p + "-5,2026/04/01 09:34,FAX,,チャネルが誤り\r\n"
                + p + "-6,2026/04/01 09:35,電話,NO-SUCH-" + p + ",番号が誤り\r\n"
                + p + "-7,2026/04/01 09:36,電話\r\n"
                + p + "-8,2026-04-01T09:37:00+09:00,ウェブ," + customer + ",\"アプリの明細が\n見にくいです、改善を\"\r\n";
        byte[] bytes = concat(BOM, csv.getBytes(StandardCharsets.UTF_8));

        VoiceImport done = imported(p + ".csv", bytes, "AUTO");

        assertThat(done.status()).isEqualTo(VoiceImport.Status.DONE);
        assertThat(done.encoding()).isEqualTo(ImportEncoding.UTF_8);
        assertThat(List.of(done.rowsRead(), done.accepted(), done.already(), done.refused()))
                .containsExactly(8, 2, 0, 6);
        assertThat(store.errors(done.id(), 100)).containsExactly(
                new VoiceImport.RowError(2, "text", "EMPTY_TEXT"),
                new VoiceImport.RowError(3, "text", "TEXT_TOO_LONG"),
                new VoiceImport.RowError(4, "receivedAt", "BAD_DATE"),
                new VoiceImport.RowError(5, "channel", "UNKNOWN_CHANNEL"),
                new VoiceImport.RowError(6, "customerNumber", "UNKNOWN_CUSTOMER"),
                new VoiceImport.RowError(7, "row", "COLUMN_COUNT"));
        assertThat(stored("call:" + p + "-8")).satisfies(s -> {
            assertThat(s.customerId()).isNotNull();
            assertThat(s.importId()).isEqualTo(done.id());
            assertThat(s.importRow()).isEqualTo(8);
            assertThat(s.receivedAt()).isEqualTo(Instant.parse("2026-04-01T00:37:00Z"));
            assertThat(s.channel()).isEqualTo("WEB");
            assertThat(s.source()).isEqualTo("IMPORT");
        });
        assertThat(stored("call:" + p + "-1").customerId()).isNull();

        String page = page(get("/voice/imports/" + done.id()).locale(java.util.Locale.JAPANESE), agent());
        assertThat(page).contains("日時として読めません", "列の数が見出し行と違います", "errors.csv")
                .doesNotContain("http-equiv=\"refresh\"").doesNotContain("日付が誤り");
        MvcResult streaming = mvc.perform(get("/voice/imports/" + done.id() + "/errors.csv").with(agent()))
                .andExpect(status().isOk()).andReturn();
        MockHttpServletResponse report = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(streaming))
                .andReturn().getResponse();
        byte[] reportBytes = report.getContentAsByteArray();
        assertThat(reportBytes).startsWith(BOM);
        assertThat(new String(reportBytes, StandardCharsets.UTF_8)).contains("row,field,reason,")
                .contains("\r\n4,receivedAt,BAD_DATE,").contains("\r\n6,customerNumber,UNKNOWN_CUSTOMER,");
    }

    @Test
    void importsAShiftJisExportChosenOrDetected() throws Exception {
        String p = prefix();
        String csv = "受付番号,受付日時,内容\r\n" + p + "-1,2026/04/02 10:00,ポイント還元率①を上げてほしい\r\n";
        VoiceImport chosen = imported(p + "-sjis.csv", csv.getBytes(SJIS), "WINDOWS_31J");
        assertThat(chosen.encoding()).isEqualTo(ImportEncoding.WINDOWS_31J);
        assertThat(chosen.accepted()).isEqualTo(1);
        assertThat(stored("call:" + p + "-1").importRow()).isEqualTo(1);

        String q = prefix();
        String other = "受付日時,内容\r\n2026/04/02 10:00,カードが届きません " + q + "\r\n";
        VoiceImport detected = imported(q + "-sjis.csv", other.getBytes(SJIS), "AUTO");
        assertThat(detected.encoding()).isEqualTo(ImportEncoding.WINDOWS_31J);
        assertThat(detected.accepted()).isEqualTo(1);
    }

    @Test
    void theSameFileAgainIsTheSameImportAndAnOverlappingExportAddsOnlyItsNewRows() throws Exception {
        String p = prefix();
        String first = "call_id,received_at,text\n" + p + "-1,2026/04/03 10:00,一件目\n" + p + "-2,2026/04/03 10:01,二件目\n"
                + ",2026/04/03 10:02,番号なし " + p + "\n";
        VoiceImport once = imported(p + "-a.csv", first.getBytes(StandardCharsets.UTF_8), "UTF_8");
        assertThat(once.accepted()).isEqualTo(3);

        MvcResult again = upload(p + "-a-copy.csv", first.getBytes(StandardCharsets.UTF_8), "AUTO");
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/voice/imports/" + once.id());
        assertThat(again.getFlashMap().get("done")).isEqualTo("This file was imported before. Nothing was added.");
        assertThat(store.find(once.id()).orElseThrow().accepted()).isEqualTo(3);

        String overlapping = "受付番号,受付日時,内容\n" + p + "-2,2026/04/03 10:01,二件目\n"
                + ",2026/04/03 10:02,番号なし " + p + "\n" + p + "-3,2026/04/03 10:05,三件目\n";
        VoiceImport next = imported(p + "-b.csv", overlapping.getBytes(StandardCharsets.UTF_8), "AUTO");
        assertThat(List.of(next.rowsRead(), next.accepted(), next.already(), next.refused()))
                .containsExactly(3, 1, 2, 0);
    }

    @Test
    void aFileInNeitherEncodingIsRefusedWithAClearMessageAndStartsNothing() throws Exception {
        byte[] bytes = concat("受付日時,内容\n2026/04/03 10:00,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0xFE}, UUID.randomUUID().toString().getBytes());
        MvcResult refused = mvc.perform(multipart("/voice/imports")
                        .file(new MockMultipartFile("file", "broken.csv", "text/csv", bytes)).param("encoding", "AUTO")
                        .with(csrf()).with(agent()).locale(java.util.Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/voice/imports");
        assertThat((String) refused.getFlashMap().get("error"))
                .isEqualTo("The file is neither valid UTF-8 nor valid Shift_JIS. Check its encoding and export it again.");
        assertThat(store.bySha256(sha256(bytes))).isEmpty();
    }

    @Test
    void aHeaderWithoutTheTextColumnIsRefusedNamingIt() throws Exception {
        byte[] bytes = ("受付日時,メモ " + prefix() + "\n2026/04/03 10:00,x\n").getBytes(StandardCharsets.UTF_8);
        MvcResult refused = mvc.perform(multipart("/voice/imports")
                        .file(new MockMultipartFile("file", "header.csv", "text/csv", bytes))
                        .with(csrf()).with(agent()).locale(java.util.Locale.JAPANESE))
                .andReturn();
        assertThat((String) refused.getFlashMap().get("error")).isEqualTo("見出し行に「内容」（text）の列がありません。");
    }

    @Test
    void aRunningImportsPageRefreshesItselfAndAnnouncesItsCounts() throws Exception {
        VoiceImport running = new VoiceImport(UUID.randomUUID().toString(), sha256(prefix().getBytes()), "running.csv",
                ImportEncoding.UTF_8, VoiceImport.Status.RUNNING, 0, 0, 0, 0, Instant.now(), null, "cs-import");
        store.insert(running);
        store.progress(running.id(), 1234, 1200, 4, 30);

        String page = page(get("/voice/imports/" + running.id()).locale(java.util.Locale.ENGLISH), agent());

        assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"3\">", "aria-live=\"polite\"",
                "id=\"reload\"", "1,234", "1,200", "Running");
        store.finish(running.id(), VoiceImport.Status.INTERRUPTED, 1234, 1200, 4, 30, Instant.now());
        assertThat(page(get("/voice/imports/" + running.id()).locale(java.util.Locale.ENGLISH), agent()))
                .doesNotContain("http-equiv").contains("Import the same file again to resume");
        assertThat(page(get("/voice/imports").locale(java.util.Locale.ENGLISH), agent()))
                .contains("running.csv", "50 MB", "受付番号");
    }

    @Test
    void uploadingAnInterruptedImportsFileAgainResumesIt() throws Exception {
        String p = prefix();
        byte[] bytes = ("受付番号,受付日時,内容\n" + p + "-1,2026/04/04 10:00,一件目\n" + p + "-2,2026/04/04 10:01,二件目\n")
                .getBytes(StandardCharsets.UTF_8);
        intake.receive(new Actor("cs-import", Set.of(Role.CUSTOMER_SERVICE), "test"), new Submission(Source.IMPORT,
                VoiceImports.SUBMITTED_BY, "call:" + p + "-1", Channel.CALL_CENTER, "一件目",
                Instant.parse("2026-04-04T01:00:00Z"), null, null, 1));
        VoiceImport cut = new VoiceImport(UUID.randomUUID().toString(), sha256(bytes), p + ".csv", ImportEncoding.UTF_8,
                VoiceImport.Status.RUNNING, 1, 1, 0, 0, Instant.now(), null, "cs-import");
        store.insert(cut);
        store.finish(cut.id(), VoiceImport.Status.INTERRUPTED, 1, 1, 0, 0, Instant.now());

        MvcResult resumed = upload(p + ".csv", bytes, "AUTO");

        assertThat(resumed.getResponse().getRedirectedUrl()).isEqualTo("/voice/imports/" + cut.id());
        VoiceImport done = finished(cut.id());
        assertThat(done.status()).isEqualTo(VoiceImport.Status.DONE);
        assertThat(List.of(done.rowsRead(), done.accepted(), done.already())).containsExactly(2, 1, 1);
    }

    @Test
    void multipartBodiesAreRefusedOnEveryOtherPage() throws Exception {
        mvc.perform(multipart("/support-window").file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[1]))
                        .with(csrf()).with(agent()))
                .andExpect(status().isUnsupportedMediaType());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
