package dev.anshin.demo;

import dev.anshin.privacy.PersonalField;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The demo's simulated cardholders as people: a made-up name, address, phone, e-mail and the rest
 * of the seed issuer's personal data, derived from the cardholder's index and the demo seed, so a
 * restart registers exactly the same people (and the registration is a retry). Every value is
 * fictitious: the phone numbers are in the 090-0xxx range no carrier assigns and the e-mail domain
 * is {@code example.jp}.
 */
final class DemoPeople {

    /** Surname in kanji and kana. */
    static final String[][] SURNAMES = {
            {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"},
            {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"},
            {"吉田", "ヨシダ"}, {"山田", "ヤマダ"}, {"佐々木", "ササキ"}, {"松本", "マツモト"}, {"井上", "イノウエ"},
            {"木村", "キムラ"}, {"林", "ハヤシ"}, {"清水", "シミズ"}, {"山崎", "ヤマザキ"}, {"森", "モリ"}};
    /** Given name in kanji, kana and romaji (for the e-mail address). */
    static final String[][] GIVEN_NAMES = {
            {"陽翔", "ハルト", "haruto"}, {"蓮", "レン", "ren"}, {"湊", "ミナト", "minato"}, {"大翔", "ヒロト", "hiroto"},
            {"健太", "ケンタ", "kenta"}, {"誠", "マコト", "makoto"}, {"翔太", "ショウタ", "shota"}, {"拓也", "タクヤ", "takuya"},
            {"陽葵", "ヒマリ", "himari"}, {"凛", "リン", "rin"}, {"結菜", "ユイナ", "yuina"}, {"葵", "アオイ", "aoi"},
            {"花子", "ハナコ", "hanako"}, {"美咲", "ミサキ", "misaki"}, {"由美", "ユミ", "yumi"}, {"恵子", "ケイコ", "keiko"}};
    static final String[] ROMAJI_SURNAMES = {"sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe",
            "yamamoto", "nakamura", "kobayashi", "kato", "yoshida", "yamada", "sasaki", "matsumoto", "inoue", "kimura",
            "hayashi", "shimizu", "yamazaki", "mori"};
    static final String[] PLACES = {"東京都世田谷区桜丘", "東京都杉並区阿佐谷北", "神奈川県横浜市港北区日吉",
            "大阪府大阪市北区中崎", "愛知県名古屋市千種区覚王山", "福岡県福岡市中央区薬院", "北海道札幌市中央区円山",
            "京都府京都市左京区下鴨", "埼玉県さいたま市浦和区高砂", "兵庫県神戸市東灘区岡本"};
    static final String[] EMPLOYERS = {"株式会社みらい商事", "さくら食品株式会社", "東和システム株式会社",
            "青空運輸株式会社", "ひかり総合病院", "自営業", "やまびこ建設株式会社", "あおば銀行"};
    private static final String[] HOUSING = {"OWNED", "OWNED_WITH_MORTGAGE", "RENTED", "FAMILY_HOME",
            "COMPANY_HOUSING"};

    /** The index of the demo cardholder who signs in to the portal (DM00000000, login hanako-demo). */
    static final int PORTAL_CARDHOLDER = 0;
    private static final int YAMADA = IntStream.range(0, SURNAMES.length)
            .filter(i -> SURNAMES[i][0].equals("山田")).findFirst().orElseThrow();
    private static final String[] HANAKO = Arrays.stream(GIVEN_NAMES)
            .filter(g -> g[0].equals("花子")).findFirst().orElseThrow();

    private final long seed;

    DemoPeople(long seed) {
        this.seed = seed;
    }

    /** The issuer's customer number of demo cardholder {@code index}. */
    String customerNumber(int index) {
        return String.format("DM%08d", index);
    }

    /** The personal data of demo cardholder {@code index}, always the same for the same seed. */
    Map<PersonalField, String> person(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        int surname = random.nextInt(SURNAMES.length);
        String[] given = GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
        if (index == PORTAL_CARDHOLDER) {
            // The one who signs in to the portal as "hanako-demo" is called so, whatever the seed.
            surname = YAMADA;
            given = HANAKO;
        }
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, SURNAMES[surname][0] + "　" + given[0]);
        values.put(PersonalField.NAME_KANA, SURNAMES[surname][1] + "　" + given[1]);
        values.put(PersonalField.DATE_OF_BIRTH,
                LocalDate.of(1950 + random.nextInt(53), 1, 1).plusDays(random.nextInt(365)).toString());
        values.put(PersonalField.ADDRESS, PLACES[random.nextInt(PLACES.length)] + (1 + random.nextInt(5)) + "丁目"
                + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20)));
        values.put(PersonalField.PHONE, String.format("090-0%03d-%04d", index % 1000, random.nextInt(10_000)));
        values.put(PersonalField.EMAIL, given[2] + "." + ROMAJI_SURNAMES[surname] + "." + index + "@example.jp");
        values.put(PersonalField.EMPLOYER, EMPLOYERS[random.nextInt(EMPLOYERS.length)]);
        values.put(PersonalField.ANNUAL_INCOME, Integer.toString((200 + random.nextInt(1_000)) * 10_000));
        values.put(PersonalField.HOUSEHOLD_SIZE, Integer.toString(1 + random.nextInt(5)));
        values.put(PersonalField.HOUSING, HOUSING[random.nextInt(HOUSING.length)]);
        return values;
    }

    /** A correction demo cardholder {@code index} asks for: a new phone number or a new address, made up like the rest. */
    Map<PersonalField, String> correction(int index, SplittableRandom random) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        if (random.nextBoolean()) {
            values.put(PersonalField.PHONE, String.format("090-0%03d-%04d", index % 1000, random.nextInt(10_000)));
        } else {
            values.put(PersonalField.ADDRESS, PLACES[random.nextInt(PLACES.length)] + (1 + random.nextInt(5)) + "丁目"
                    + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20)));
        }
        return values;
    }
}
