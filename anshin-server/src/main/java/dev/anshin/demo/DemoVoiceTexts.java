package dev.anshin.demo;

import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the demo's simulated customers say: varied Japanese feedback per kind and topic, with the sentiment that goes
 * with it, now and then with a card number, a phone number or a name before 様 (so the redaction shows) and a few
 * English words. Its own phrases, not the classifier's corpus: the demo would otherwise test the model on what it
 * learnt from. The generator knows what each voice means, so the simulated staff can correct a wrong label.
 */
final class DemoVoiceTexts {

    /** One voice and what it means. */
    record Voice(String text, Kind kind, Topic topic, Sentiment sentiment) {

        @Override
        public String toString() {
            return "Voice[" + kind + ", " + topic + ", " + sentiment + ", " + text.length() + " chars]";
        }
    }

    /**
     * The card numbers, phones and names the customers mention (made up; the card numbers pass the Luhn check). The
     * demo's plaintext test looks for each in the database: sealed and masked, never in clear.
     */
    static final List<String> CARD_NUMBERS = List.of("4980 0312 7745 9016", "5210-8843-0127-6639", "4539671204881126");
    static final List<String> PHONES = List.of("090-8814-2273", "080-3307-9152", "03-5521-8840");
    static final List<String> NAMES = List.of("鳴海千草", "柊木遥斗", "東雲琴音", "真壁颯");

    private static final Map<Topic, Map<Kind, String[]>> PHRASES = new EnumMap<>(Topic.class);

    private static void say(Topic topic, Kind kind, String... lines) {
        PHRASES.computeIfAbsent(topic, t -> new EnumMap<>(Kind.class)).put(kind, lines);
    }

    static {
        say(Topic.FRAUD_SECURITY, Kind.COMPLAINT,
                "身に覚えのない海外の決済が三件も請求に載っていました。不正利用ではないかと不安で眠れません。",
                "カードを持っているのに知らない通販サイトで使われていました。なぜ止めてもらえなかったのですか。",
                "不正利用の連絡をしたのに、カードの停止まで半日もかかりました。その間にまた使われていて納得できません。",
                "フィッシングのようなSMSが御社の名前で届き、入力してしまった後に不正な引き落としがありました。",
                "深夜に見覚えのない高額決済の通知が来ました。本人確認もなく通ってしまうのはおかしいと思います。");
        say(Topic.FRAUD_SECURITY, Kind.REQUEST,
                "利用のたびにアプリへ通知が来るように設定できるようにしてほしいです。不正に早く気づきたいので。",
                "海外での利用を自分で止めたり再開したりできる機能を作ってください。");
        say(Topic.FRAUD_SECURITY, Kind.PRAISE,
                "不審な決済をすぐに止めて電話をくださり、被害がありませんでした。本当に助かりました。",
                "セキュリティの確認が丁寧で、安心してカードを使えています。");
        say(Topic.FRAUD_SECURITY, Kind.INQUIRY,
                "ワンタイムパスワードのメールが届かないのですが、どこを確認すればよいでしょうか。",
                "不正利用の補償はどの期間までさかのぼって受けられますか。");
        say(Topic.FEES_INTEREST, Kind.COMPLAINT,
                "年会費が無料だと聞いて申し込んだのに、二年目から請求されていました。説明が足りないと思います。",
                "リボ払いの金利が高すぎます。いつの間にかリボに切り替わっていたのも不満です。");
        say(Topic.FEES_INTEREST, Kind.REQUEST,
                "分割払いの手数料を申し込む前に画面で試算できるようにしてほしいです。",
                "年会費の請求月を事前にメールで知らせてもらえると助かります。");
        say(Topic.FEES_INTEREST, Kind.PRAISE, "年会費の優遇条件をわかりやすく説明していただき、納得して続けられます。");
        say(Topic.FEES_INTEREST, Kind.INQUIRY,
                "キャッシングの金利は何パーセントですか。日割りで計算されるのでしょうか。",
                "海外利用の事務手数料はいくらかかりますか。");
        say(Topic.WEB_APP, Kind.COMPLAINT,
                "アプリを更新してからログインできません。何度やっても最初の画面に戻されます。",
                "会員サイトの明細画面が重くて、スマホだと途中で固まってしまいます。");
        say(Topic.WEB_APP, Kind.REQUEST,
                "アプリで明細をCSVでダウンロードできるようにしてください。家計簿に取り込みたいです。",
                "会員サイトにダークモードがあると夜でも見やすくて嬉しいです。");
        say(Topic.WEB_APP, Kind.PRAISE, "新しいアプリは利用通知がすぐ届き、画面も見やすくなりました。とても使いやすいです。");
        say(Topic.WEB_APP, Kind.INQUIRY,
                "アプリの生体認証を新しいスマホに引き継ぐにはどうすればよいですか。",
                "会員サイトのパスワードを忘れた場合の再設定方法を教えてください。");
        say(Topic.POINTS, Kind.COMPLAINT,
                "先月の買い物のポイントがまだ付いていません。問い合わせても返事がありません。",
                "ポイントの有効期限が知らないうちに切れていて、三千ポイント以上失いました。");
        say(Topic.POINTS, Kind.REQUEST,
                "ポイントを一ポイント単位で支払いに使えるようにしてほしいです。",
                "ポイントの有効期限が近づいたら通知がほしいです。");
        say(Topic.POINTS, Kind.PRAISE, "誕生月のポイントアップ特典で家族へのプレゼントが買えました。ありがとうございます。");
        say(Topic.POINTS, Kind.INQUIRY,
                "ポイントを航空会社のマイルに交換するときの交換率はいくらですか。",
                "家族カードの利用分のポイントは本会員に合算されますか。");
        say(Topic.CALL_CENTER, Kind.COMPLAINT,
                "電話窓口に三十分かけてもつながりません。やっとつながったら別の番号にかけ直すように言われました。",
                "オペレーターの説明が人によって違い、結局どれが正しいのかわかりませんでした。");
        say(Topic.CALL_CENTER, Kind.REQUEST,
                "電話窓口の受付時間を夜九時まで延ばしてほしいです。仕事の後だと間に合いません。",
                "混雑しているときは折り返しの予約ができるようにしてください。");
        say(Topic.CALL_CENTER, Kind.PRAISE,
                "電話で対応してくださった方がとても親切で、難しい手続きも一度で済みました。",
                "オペレーターさんの説明が丁寧で、不安が消えました。ありがとうございました。");
        say(Topic.CALL_CENTER, Kind.INQUIRY, "電話窓口が比較的すいている曜日や時間帯はありますか。");
        say(Topic.CARD_DELIVERY, Kind.COMPLAINT,
                "更新カードが有効期限を過ぎても届きません。今月の支払いに使えず困っています。",
                "再発行をお願いしてから二週間たつのに、カードがまだ届いていません。");
        say(Topic.CARD_DELIVERY, Kind.REQUEST, "カードの発送状況をアプリで追跡できるようにしてほしいです。");
        say(Topic.CARD_DELIVERY, Kind.PRAISE, "申し込みから一週間でカードが届きました。思っていたより早くて驚きました。");
        say(Topic.CARD_DELIVERY, Kind.INQUIRY,
                "引っ越したのですが、新しいカードを新住所に送ってもらうには何が必要ですか。",
                "本人限定受取郵便の受け取り期限はいつまでですか。");
        say(Topic.SCREENING_LIMITS, Kind.COMPLAINT,
                "増枠を申し込んだら理由もわからないまま断られました。長年使っているのに残念です。",
                "審査の結果が出るまで三週間もかかり、その間何の連絡もありませんでした。");
        say(Topic.SCREENING_LIMITS, Kind.REQUEST, "旅行の間だけ利用可能枠を一時的に上げられるようにしてほしいです。");
        say(Topic.SCREENING_LIMITS, Kind.PRAISE, "一時増枠の手続きがすぐに終わり、引っ越しの費用を払えました。助かりました。");
        say(Topic.SCREENING_LIMITS, Kind.INQUIRY,
                "利用可能枠の残りはどこで確認できますか。",
                "増枠の審査にはどのくらいの日数がかかりますか。");
        say(Topic.BILLING_PAYMENT, Kind.COMPLAINT,
                "同じ買い物が二重に請求されています。返金までどれだけ待たされるのでしょうか。",
                "引き落とし日が変わったのを知らされず、残高不足になってしまいました。");
        say(Topic.BILLING_PAYMENT, Kind.REQUEST, "支払い日を給料日の後に変更できるようにしてほしいです。");
        say(Topic.BILLING_PAYMENT, Kind.PRAISE, "請求の間違いをすぐに調べて返金してくださいました。誠実な対応に感謝しています。");
        say(Topic.BILLING_PAYMENT, Kind.INQUIRY,
                "今月の請求額が確定するのはいつですか。",
                "口座振替の口座を変更する手続きを教えてください。");
        say(Topic.PRIVACY, Kind.COMPLAINT,
                "勧誘の電話は不要だと伝えたのに、また保険の案内の電話がかかってきました。",
                "登録していない住所宛てにダイレクトメールが届きました。個人情報の扱いが心配です。");
        say(Topic.PRIVACY, Kind.REQUEST, "提携先への情報提供を止める手続きをウェブでできるようにしてほしいです。");
        say(Topic.PRIVACY, Kind.PRAISE, "個人情報の開示請求に丁寧に対応していただき、安心しました。");
        say(Topic.PRIVACY, Kind.INQUIRY,
                "私の利用履歴はどの会社に提供されていますか。",
                "退会した後、個人情報はいつ削除されますか。");
        say(Topic.STORE_COUNTER, Kind.COMPLAINT,
                "カウンターで一時間近く待たされたうえ、必要な書類の説明もありませんでした。",
                "店舗の窓口の方の言葉づかいが乱暴で、とても不快な思いをしました。");
        say(Topic.STORE_COUNTER, Kind.REQUEST, "カウンターの受付を予約できるようにしてほしいです。");
        say(Topic.STORE_COUNTER, Kind.PRAISE,
                "店舗のカウンターの方が住所変更を手早く済ませてくださいました。笑顔の対応が嬉しかったです。",
                "窓口で高齢の母にもわかるようにゆっくり説明してくださり、ありがとうございました。");
        say(Topic.STORE_COUNTER, Kind.INQUIRY, "店舗のカウンターでカードの再発行はその日のうちにできますか。");
    }

    private static final String[] OPENERS = {"", "", "", "いつもお世話になっております。", "お忙しいところすみません。",
            "先日の件です。", "初めて連絡します。"};
    private static final String[] CLOSERS = {"", "", "", "よろしくお願いします。", "改善をお願いします。",
            "ご確認ください。", "早めに返事をください。"};
    private static final String[] ENGLISH = {"Please fix this ASAP.", "This is really frustrating.",
            "Thank you so much!", "I use the card every day.", "Is there an English page?"};

    private final SplittableRandom random;

    DemoVoiceTexts(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A voice of any kind and topic (complaints and inquiries more often than praise, as in life). */
    Voice next() {
        Topic topic = Topic.values()[random.nextInt(Topic.values().length)];
        int k = random.nextInt(10);
        Kind kind = k < 4 ? Kind.COMPLAINT : k < 6 ? Kind.INQUIRY : k < 8 ? Kind.REQUEST : Kind.PRAISE;
        return of(kind, topic);
    }

    /** A voice of this kind and topic. */
    Voice of(Kind kind, Topic topic) {
        String[] lines = PHRASES.get(topic).get(kind);
        StringBuilder text = new StringBuilder();
        text.append(pick(OPENERS));
        int details = random.nextInt(12);
        if (details == 0) {
            text.append("家族の").append(pick(NAMES)).append("様の代わりに連絡しています。");
        }
        text.append(lines[random.nextInt(lines.length)]);
        if (details == 1) {
            text.append("カード番号は").append(pick(CARD_NUMBERS)).append("です。");
        } else if (details == 2) {
            text.append("連絡先は").append(pick(PHONES)).append("です。");
        } else if (details == 3) {
            text.append("担当の").append(pick(NAMES), 0, 2).append("様にも伝えてあります。");
        }
        if (random.nextInt(8) == 0) {
            text.append(pick(ENGLISH));
        }
        text.append(pick(CLOSERS));
        Sentiment sentiment = switch (kind) {
            case COMPLAINT -> Sentiment.NEGATIVE;
            case PRAISE -> Sentiment.POSITIVE;
            default -> Sentiment.NEUTRAL;
        };
        return new Voice(text.toString(), kind, topic, sentiment);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
