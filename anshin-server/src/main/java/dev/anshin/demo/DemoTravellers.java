package dev.anshin.demo;

import dev.anshin.privacy.PersonalField;
import dev.anshin.problems.Luhn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inbound travellers among the demo's cardholders: customers whose cards were issued abroad, so the
 * statistics' "country of issue" dimension has something to count. Each country has a made-up BIN of
 * its own next to the demo's ({@link DemoCards#BIN}, Japan), and the demo puts all of them in the BIN
 * table. A traveller shops a few times on some days, at the demo's terminals: their purchases since the
 * demo's first day are derived from the seed (the same ids on every start, so a restart resends nothing
 * new), and one more now and then while the demo runs. Made up like {@link DemoPeople}: e-mail at
 * {@code example.com}, no phone.
 */
final class DemoTravellers {

    /** Country, made-up BIN, and the share of the travellers from there (in tenths). */
    record Origin(String country, String bin, int tenths, String[][] surnames, String[][] givenNames) {
    }

    static final List<Origin> ORIGINS = List.of(
            new Origin("KR", "498770", 4, new String[][] {{"KIM", "キム"}, {"LEE", "イ"}, {"PARK", "パク"}},
                    new String[][] {{"MINJUN", "ミンジュン"}, {"SEOYEON", "ソヨン"}, {"JIHO", "ジホ"}}),
            new Origin("TW", "498771", 3, new String[][] {{"CHEN", "チェン"}, {"LIN", "リン"}, {"WANG", "ワン"}},
                    new String[][] {{"YUTING", "ユーティン"}, {"CHIAHAO", "チアハオ"}, {"HSINYI", "シンイー"}}),
            new Origin("US", "498772", 2, new String[][] {{"SMITH", "スミス"}, {"JOHNSON", "ジョンソン"}},
                    new String[][] {{"EMMA", "エマ"}, {"LIAM", "リアム"}, {"OLIVIA", "オリビア"}}),
            new Origin("AU", "498773", 1, new String[][] {{"BROWN", "ブラウン"}, {"WILSON", "ウィルソン"}},
                    new String[][] {{"JACK", "ジャック"}, {"CHLOE", "クロエ"}}));
    /** The issuing country of the demo's own cards. */
    static final String HOME_COUNTRY = "JP";
    /** A traveller shops on about this share of days (in hundredths), once or twice. */
    private static final int SHOPPING_DAYS_PERCENT = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A purchase: who, where, how much (yen), when, under which authorization id. */
    record Purchase(String authorizationId, int traveller, String terminalId, long yen, Instant at) {
    }

    private final int count;
    private final long seed;

    DemoTravellers(int count, long seed) {
        this.count = count;
        this.seed = seed;
    }

    int count() {
        return count;
    }

    /** The country traveller {@code index} comes from: the origins in turn, each by its share. */
    static Origin origin(int index) {
        int slot = Math.floorMod(index, 10);
        for (Origin origin : ORIGINS) {
            if (slot < origin.tenths()) {
                return origin;
            }
            slot -= origin.tenths();
        }
        return ORIGINS.get(0);
    }

    /** The card number of traveller {@code index}: their country's BIN, the index, a Luhn digit. */
    static String pan(int index) {
        if (index < 0 || index >= 1_000_000_000) {
            throw new IllegalArgumentException("traveller index out of range");
        }
        String body = origin(index).bin() + String.format("%09d", index);
        return body + Luhn.checkDigit(body);
    }

    /** The BIN table the demo keeps: its own BIN in Japan, each traveller country's BIN. */
    static Map<String, String> binCountries() {
        Map<String, String> bins = new java.util.LinkedHashMap<>();
        bins.put(DemoCards.BIN, HOME_COUNTRY);
        ORIGINS.forEach(origin -> bins.put(origin.bin(), origin.country()));
        return bins;
    }

    String customerNumber(int index) {
        return String.format("DT%08d", index);
    }

    /** Traveller {@code index} as a person, always the same for the same seed. */
    Map<PersonalField, String> person(int index) {
        SplittableRandom random = new SplittableRandom(seed * 7_000_003L + index);
        Origin origin = origin(index);
        String[] surname = origin.surnames()[random.nextInt(origin.surnames().length)];
        String[] given = origin.givenNames()[random.nextInt(origin.givenNames().length)];
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, surname[0] + " " + given[0]);
        values.put(PersonalField.NAME_KANA, surname[1] + "　" + given[1]);
        values.put(PersonalField.DATE_OF_BIRTH,
                LocalDate.of(1960 + random.nextInt(45), 1, 1).plusDays(random.nextInt(365)).toString());
        values.put(PersonalField.EMAIL, given[0].toLowerCase(java.util.Locale.ROOT) + "."
                + surname[0].toLowerCase(java.util.Locale.ROOT) + "." + index + "@example.com");
        return values;
    }

    /**
     * Every traveller's purchases on the days {@code from} to {@code to} (UTC, both included), before
     * {@code before}, in time order: derived from the seed, traveller and day alone, so the same on every
     * start.
     */
    List<Purchase> purchases(LocalDate from, LocalDate to, Instant before, List<String> terminals) {
        List<Purchase> all = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (int traveller = 0; traveller < count; traveller++) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + traveller * 40_009L + day.toEpochDay());
                if (random.nextInt(100) >= SHOPPING_DAYS_PERCENT) {
                    continue;
                }
                int times = 1 + random.nextInt(2);
                for (int n = 0; n < times; n++) {
                    Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3_600L * (1 + random.nextInt(13))
                            + random.nextInt(3_600));
                    if (!at.isBefore(before)) {
                        continue;
                    }
                    all.add(new Purchase("demo-t-" + traveller + "-" + DAY.format(day) + "-" + n, traveller,
                            terminals.get(random.nextInt(terminals.size())), 500L + 100L * random.nextInt(150), at));
                }
            }
        }
        all.sort(java.util.Comparator.comparing(Purchase::at));
        return all;
    }

    /** One purchase now by a traveller chosen by {@code random}, under a new id of this run. */
    Purchase now(SplittableRandom random, Instant now, String run, int n, List<String> terminals) {
        return new Purchase("demo-t-live-" + run + "-" + n, random.nextInt(count),
                terminals.get(random.nextInt(terminals.size())), 500L + 100L * random.nextInt(150), now);
    }
}
