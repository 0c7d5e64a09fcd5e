package dev.anshin.voice.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes a made-up call-center export of any size, one row at a time (nothing held in memory): varied Japanese
 * voices (polite and casual, long and short, with numbers and English), Japanese headers, some rows quoted with
 * line breaks, and about one row in fifty bad (a bad date, an unknown channel, no text, a text too long, a missing
 * column), in a fixed order for a seed. Call ids carry a prefix so two runs never share a key.
 */
final class CallCenterExports {

    private static final String[] OPENINGS = {"", "いつもお世話になっております。", "すみません、", "お忙しいところ失礼します。",
            "Hi, ", "先日電話した者ですが、"};
    private static final String[] BODIES = {
            "年会費が高いと思います。無料にしてほしいです",
            "身に覚えのない請求が{n}円ありました。不正利用ではないでしょうか",
            "アプリにログインできません。パスワードを再設定してもエラーになります",
            "ポイントの有効期限を延ばしてほしい",
            "電話がなかなかつながらず、{n}分も待たされました",
            "新しいカードがまだ届きません。いつ発送されますか",
            "利用可能枠を増やしたいのですが、審査にはどのくらいかかりますか",
            "引き落とし日を変更できますか？給料日が{n}日なので",
            "勧誘の電話をやめてください。個人情報の扱いが心配です",
            "店舗の窓口の方がとても親切でした。ありがとうございました",
            "リボ払いの金利が高すぎる。説明が不十分だった",
            "the app crashes when I open the statement, please fix",
            "明細がPDFで見られるようになって便利になりました",
            "海外で使えなかった。{n}回も試したのに",
            "ポイント還元率①をもっと上げてほしいです"};
    private static final String[] CLOSINGS = {"", "よろしくお願いします。", "改善をお願いします。", "早めに対応してください！", "助かりました。"};
    private static final String[] CHANNELS = {"電話", "電話", "電話", "", "ウェブ", "店舗", "アプリ", "メール", "CALL_CENTER"};
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private CallCenterExports() {
    }

    /** Writes {@code rows} data rows to the file in the charset; returns how many are bad on purpose. */
    static int write(Path file, int rows, Charset charset, String prefix, long seed) throws IOException {
        Random random = new Random(seed);
        int bad = 0;
        LocalDateTime start = LocalDateTime.of(2026, 3, 1, 9, 0);
        try (OutputStream out = Files.newOutputStream(file);
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, charset), 64 * 1024)) {
            w.write("受付番号,受付日時,チャネル,お客様番号,内容\r\n");
            for (int i = 1; i <= rows; i++) {
                String at = start.plusMinutes(i % 40_000).format(LOCAL);
                String text = OPENINGS[random.nextInt(OPENINGS.length)]
                        + BODIES[random.nextInt(BODIES.length)].replace("{n}", Integer.toString(1 + random.nextInt(90)))
                        + CLOSINGS[random.nextInt(CLOSINGS.length)];
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                String callId = prefix + "-" + i;
                int fault = random.nextInt(50) == 0 ? 1 + random.nextInt(5) : 0;
                if (fault != 0) {
                    bad++;
                }
                switch (fault) {
                    case 1 -> at = "2026/02/30 10:00";
                    case 2 -> channel = "FAX";
                    case 3 -> text = "";
                    case 4 -> text = "長".repeat(2001);
                    default -> { }
                }
                if (fault == 5) {
                    w.write(callId + "," + at + "," + channel + "\r\n");
                } else if (text.contains(",") || text.contains("\"")) {
                    w.write(callId + "," + at + "," + channel + ",,\"" + text.replace("\"", "\"\"") + "\"\r\n");
                } else if (random.nextInt(10) == 0 && fault == 0) {
                    // (not a faulty row: the continuation would make an empty text non-empty)
                    w.write(callId + "," + at + "," + channel + ",,\"" + text.replace("\"", "\"\"") + "\n（続き）\"\r\n");
                } else {
                    w.write(callId + "," + at + "," + channel + ",," + text + "\r\n");
                }
            }
        }
        return bad;
    }

    static String prefix() {
        return "B" + Long.toString(Instant.now().toEpochMilli(), 36);
    }
}
