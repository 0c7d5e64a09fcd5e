package dev.anshin.voice.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.voice.Channel;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallCenterCsvTest {

    private static List<CallCenterCsv.Row> rows(String csv) throws Exception {
        List<CallCenterCsv.Row> rows = new ArrayList<>();
        try (CallCenterCsv parsed = CallCenterCsv.open(new StringReader(csv))) {
            parsed.forEach(rows::add);
        }
        return rows;
    }

    @Test
    void readsJapaneseHeadersAndTokyoLocalTimes() throws Exception {
        var rows = rows("受付番号,受付日時,チャネル,お客様番号,内容\r\n"
                + "C-1,2026/04/01 09:30,電話,,年会費が高いと思います\r\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.refusal()).isNull();
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.callId()).isEqualTo("C-1");
            assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-04-01T00:30:00Z"));
            assertThat(r.channel()).isEqualTo(Channel.CALL_CENTER);
            assertThat(r.customerNumber()).isNull();
            assertThat(r.text()).isEqualTo("年会費が高いと思います");
        });
    }

    @Test
    void readsEnglishHeadersInAnyOrderAndSkipsOtherColumns() throws Exception {
        var rows = rows("text,operator,Received_At,channel\n\"Thanks, very kind\",op7,2026-04-01T09:30:00+09:00,web\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Thanks, very kind");
            assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-04-01T00:30:00Z"));
            assertThat(r.channel()).isEqualTo(Channel.WEB);
            assertThat(r.callId()).isNull();
        });
    }

    @Test
    void keepsLineBreaksAndQuotesInsideQuotedFields() throws Exception {
        var rows = rows("received_at,text\n2026/4/1 9:05,\"一行目\n二行目、\"\"引用\"\"\"\n2026/04/02 10:00,次\n");
        assertThat(rows).extracting(CallCenterCsv.Row::text).containsExactly("一行目\n二行目、\"引用\"", "次");
        assertThat(rows).extracting(CallCenterCsv.Row::number).containsExactly(1L, 2L);
    }

    @Test
    void defaultsTheChannelToTheCallCenterAndAcceptsEveryJapaneseWord() throws Exception {
        var rows = rows("受付日時,チャネル,内容\n2026/04/01 09:30,,a\n2026/04/01 09:30,ウェブ,b\n2026/04/01 09:30,店舗,c\n"
                + "2026/04/01 09:30,アプリ,d\n2026/04/01 09:30,メール,e\n2026/04/01 09:30,STORE,f\n");
        assertThat(rows).extracting(CallCenterCsv.Row::channel).containsExactly(Channel.CALL_CENTER, Channel.WEB,
                Channel.STORE, Channel.APP, Channel.MAIL, Channel.STORE);
    }

    @Test
    void refusesABadDateAnUnknownChannelAMissingDateAndAWrongColumnCountNamingTheField() throws Exception {
        var rows = rows("受付日時,チャネル,内容\n"
                + "2026/13/01 09:30,電話,a\n"
                + "2026/04/01 09:30,FAX,b\n"
                + ",電話,c\n"
                + "2026/04/01 09:30,電話\n"
                + "2026/04/01 09:30,電話,ok\n");
        assertThat(rows).extracting(CallCenterCsv.Row::refusal).containsExactly(
                new CallCenterCsv.Refusal("receivedAt", "BAD_DATE"),
                new CallCenterCsv.Refusal("channel", "UNKNOWN_CHANNEL"),
                new CallCenterCsv.Refusal("receivedAt", "MISSING"),
                new CallCenterCsv.Refusal("row", "COLUMN_COUNT"),
                null);
    }

    @Test
    void leavesEmptyAndLongTextsToTheIntake() throws Exception {
        String long2001 = "あ".repeat(2001);
        var rows = rows("received_at,text\n2026/04/01 09:30,\n2026/04/01 09:30," + long2001 + "\n");
        assertThat(rows).extracting(CallCenterCsv.Row::refusal).containsOnlyNulls();
        assertThat(rows).extracting(CallCenterCsv.Row::text).containsExactly("", long2001);
    }

    @Test
    void refusesACallIdTooLongForTheKey() throws Exception {
        var rows = rows("call_id,received_at,text\n" + "x".repeat(91) + ",2026/04/01 09:30,a\n");
        assertThat(rows.get(0).refusal()).isEqualTo(new CallCenterCsv.Refusal("callId", "TOO_LONG"));
    }

    @Test
    void anUnclosedQuoteEndsTheFileWithOneRefusedRowAndKeepsTheRowsBefore() throws Exception {
        var rows = rows("received_at,text\n2026/04/01 09:30,good\n2026/04/01 09:31,\"never closed\n2026/04/01 09:32,x\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).refusal()).isNull();
        assertThat(rows.get(1).refusal()).isEqualTo(new CallCenterCsv.Refusal("row", "UNREADABLE_CSV"));
    }

    @Test
    void refusesAHeaderWithoutTheTextColumnOrWithAColumnTwice() {
        assertThatThrownBy(() -> rows("受付日時,メモ\n2026/04/01 09:30,a\n"))
                .isInstanceOfSatisfying(CallCenterCsv.BadHeader.class, e -> {
                    assertThat(e.reason()).isEqualTo(CallCenterCsv.BadHeader.Reason.MISSING_COLUMN);
                    assertThat(e.column()).isEqualTo(ExportColumn.TEXT);
                });
        assertThatThrownBy(() -> rows("内容,text,received_at\n"))
                .isInstanceOfSatisfying(CallCenterCsv.BadHeader.class,
                        e -> assertThat(e.reason()).isEqualTo(CallCenterCsv.BadHeader.Reason.DUPLICATE_COLUMN));
        assertThatThrownBy(() -> rows(""))
                .isInstanceOfSatisfying(CallCenterCsv.BadHeader.class,
                        e -> assertThat(e.reason()).isEqualTo(CallCenterCsv.BadHeader.Reason.EMPTY_FILE));
    }

    @Test
    void aRowNeverShowsItsTextWhenPrinted() throws Exception {
        var row = rows("received_at,text\n2026/04/01 09:30,山田様の件\n").get(0);
        assertThat(row.toString()).doesNotContain("山田");
    }

    @Test
    void theKeyIsTheCallIdOrAHashOfTheContent() throws Exception {
        var rows = rows("call_id,received_at,text\nC-9,2026/04/01 09:30,a\n,2026/04/01 09:30,a\n,2026/04/01 09:30,a\n"
                + ",2026/04/01 09:30,b\n");
        assertThat(VoiceImports.key(rows.get(0))).isEqualTo("call:C-9");
        assertThat(VoiceImports.key(rows.get(1))).startsWith("row:").hasSize(68)
                .isEqualTo(VoiceImports.key(rows.get(2))).isNotEqualTo(VoiceImports.key(rows.get(3)));
    }
}
