package dev.anshin.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Japan's 47 prefectures by their JIS X 0401 codes ({@code 01} Hokkaido … {@code 47} Okinawa) and the
 * eight regions they form. Names are in the message bundle ({@code statistics.prefecture.13}).
 */
public final class Prefectures {

    public static final String UNKNOWN = "UNKNOWN";
    /** Every code, 01 to 47. */
    public static final List<String> CODES;
    public static final List<String> REGIONS = List.of("HOKKAIDO", "TOHOKU", "KANTO", "CHUBU", "KINKI", "CHUGOKU",
            "SHIKOKU", "KYUSHU_OKINAWA");

    static {
        List<String> codes = new ArrayList<>();
        for (int i = 1; i <= 47; i++) {
            codes.add(String.format("%02d", i));
        }
        CODES = Collections.unmodifiableList(codes);
    }

    private Prefectures() {
    }

    public static boolean known(String code) {
        return code != null && CODES.contains(code);
    }

    /** The region of a prefecture code; UNKNOWN for anything else. */
    public static String region(String code) {
        if (!known(code)) {
            return UNKNOWN;
        }
        int n = Integer.parseInt(code);
        if (n == 1) {
            return "HOKKAIDO";
        }
        if (n <= 7) {
            return "TOHOKU";
        }
        if (n <= 14) {
            return "KANTO";
        }
        if (n <= 23) {
            return "CHUBU";
        }
        if (n <= 30) {
            return "KINKI";
        }
        if (n <= 35) {
            return "CHUGOKU";
        }
        if (n <= 39) {
            return "SHIKOKU";
        }
        return "KYUSHU_OKINAWA";
    }
}
