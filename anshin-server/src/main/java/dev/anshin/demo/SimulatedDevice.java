package dev.anshin.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The browser a simulated applicant uses, as the first-party collector script ({@code /device/collector.js})
 * would read it: the EMV 3DS browser fields and the fingerprint signals, posted to
 * {@code /device/observations} as the script posts them (docs/devices.md), with the request's own
 * User-Agent and Accept-Language headers.
 *
 * <p>Every simulated device has canvas, audio and WebGL-parameter hashes of its own. Real phones of one
 * model share them and are told apart by their network (docs/devices.md, "Honest limits"); the demo's
 * applicants all post from the loopback address, one network, so without their own hashes every
 * iPhone would be one device.
 */
record SimulatedDevice(String userAgent, String platform, int screenWidth, int screenHeight, int availHeight,
        double pixelRatio, int touchPoints, int cores, Double memory, String webglVendor, String webglRenderer,
        String webglParameters, String canvas, String audio, List<String> fonts, String timezone, int timezoneOffset,
        List<String> languages, String acceptLanguage, boolean webdriver, int plugins, int outerWidth,
        int outerHeight) {

    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Mobile Safari/537.36";
    static final String WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
            + "Gecko) Version/18.1 Safari/605.1.15";
    static final String HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/131.0.0.0 Safari/537.36";
    private static final List<String> EXTRA_FONTS = List.of("Meiryo UI", "Yu Gothic UI", "BIZ UDPGothic",
            "Noto Sans JP", "Source Han Sans", "Ricty", "Consolas", "Calibri", "Cambria", "Segoe Print",
            "Hiragino Mincho ProN", "Osaka", "Tsukushi A Round Gothic", "Klee", "Toppan Bunkyu Gothic", "Roboto");

    /** A person's own browser in Japan: a phone mostly, a desktop otherwise; Japan's clock; mostly Japanese. */
    static SimulatedDevice personal(SplittableRandom random) {
        int language = random.nextInt(100);
        List<String> languages = language < 85 ? List.of("ja-JP", "ja") : language < 95 ? List.of("en-US", "ja")
                : List.of("zh-CN", "ja");
        return ofModel(random.nextInt(100), random, languages, "Asia/Tokyo", -540);
    }

    /** A browser on another clock and in other languages, though the application gives an address in Japan. */
    static SimulatedDevice abroad(SplittableRandom random) {
        String[][] places = {{"Asia/Shanghai", "-480", "zh-CN"}, {"Asia/Manila", "-480", "en-PH"},
                {"America/Los_Angeles", "480", "en-US"}, {"Asia/Ho_Chi_Minh", "-420", "vi-VN"}};
        String[] place = places[random.nextInt(places.length)];
        return ofModel(random.nextInt(100), random, List.of(place[2]), place[0], Integer.parseInt(place[1]));
    }

    /** A script-driven browser; a careless one shows it (webdriver, headless, software renderer, no window). */
    static SimulatedDevice automated(SplittableRandom random, boolean careful) {
        if (careful) {
            return ofModel(60 + random.nextInt(30), random, List.of("ja-JP", "ja"), "Asia/Tokyo", -540);
        }
        return new SimulatedDevice(HEADLESS, "Linux x86_64", 1280, 720, 720, 1.0, 0, 4, 8.0, "Google Inc. (Google)",
                "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)", hash(random),
                hash(random), hash(random), List.of("DejaVu Sans", "Liberation Sans"), "Asia/Tokyo", -540,
                List.of("ja-JP"), "ja-JP", true, 0, 0, 0);
    }

    private static SimulatedDevice ofModel(int model, SplittableRandom random, List<String> languages, String zone,
            int offset) {
        String acceptLanguage = languages.get(0) + (languages.size() > 1 ? "," + languages.get(1) + ";q=0.9" : "");
        String canvas = hash(random);
        String audio = hash(random);
        String parameters = hash(random);
        if (model < 45) { // iPhone, the 390 × 844 class
            return new SimulatedDevice(IPHONE, "iPhone", 390, 844, 844, 3.0, 5, 6, null, "Apple Inc.", "Apple GPU",
                    parameters, canvas, audio, fonts(random, List.of("Hiragino Sans", "Hiragino Kaku Gothic ProN",
                    "Helvetica Neue", "Apple Color Emoji"), 0), zone, offset, languages, acceptLanguage, false, 5, 390,
                    844);
        }
        if (model < 65) {
            return new SimulatedDevice(ANDROID, "Linux armv81", 412, 915, 915, 2.625, 5, 8, 8.0, "Qualcomm",
                    "Adreno (TM) 740", parameters, canvas, audio, fonts(random, List.of("Noto Sans CJK JP", "Roboto",
                    "Noto Color Emoji"), 1), zone, offset, languages, acceptLanguage, false, 0, 412, 915);
        }
        if (model < 90) {
            return new SimulatedDevice(WINDOWS, "Win32", 1920, 1080, 1040, 1.0, 0, 8, 8.0, "Google Inc. (Intel)",
                    "ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)", parameters, canvas,
                    audio, fonts(random, List.of("Arial", "Meiryo", "MS Gothic", "Yu Gothic", "Segoe UI"), 4), zone,
                    offset, languages, acceptLanguage, false, 5, 1920, 1040);
        }
        return new SimulatedDevice(MAC, "MacIntel", 1512, 982, 944, 2.0, 0, 8, null, "Apple Inc.", "Apple M2",
                parameters, canvas, audio, fonts(random, List.of("Hiragino Sans", "Helvetica Neue", "Osaka"), 3), zone,
                offset, languages, acceptLanguage, false, 5, 1512, 944);
    }

    private static List<String> fonts(SplittableRandom random, List<String> base, int extra) {
        List<String> fonts = new ArrayList<>(base);
        for (int i = 0, n = extra == 0 ? 0 : random.nextInt(extra + 1); i < n; i++) {
            String font = EXTRA_FONTS.get(random.nextInt(EXTRA_FONTS.size()));
            if (!fonts.contains(font)) {
                fonts.add(font);
            }
        }
        return List.copyOf(fonts);
    }

    private static String hash(SplittableRandom random) {
        return Long.toHexString(random.nextLong() >>> 11);
    }

    /**
     * The same browser at a later visit, drifted a little as a person's does: now and then the taskbar or
     * the order of the languages moves. Never the hashes: a browser update within minutes is rare.
     */
    SimulatedDevice drifted(SplittableRandom random) {
        int change = random.nextInt(10);
        if (change < 2 && outerWidth > 1000) {
            int avail = availHeight == screenHeight ? screenHeight - 40 : screenHeight;
            return new SimulatedDevice(userAgent, platform, screenWidth, screenHeight, avail, pixelRatio, touchPoints,
                    cores, memory, webglVendor, webglRenderer, webglParameters, canvas, audio, fonts, timezone,
                    timezoneOffset, languages, acceptLanguage, webdriver, plugins, outerWidth, avail);
        }
        if (change < 4 && languages.size() > 1) {
            List<String> swapped = List.of(languages.get(1), languages.get(0));
            return new SimulatedDevice(userAgent, platform, screenWidth, screenHeight, availHeight, pixelRatio,
                    touchPoints, cores, memory, webglVendor, webglRenderer, webglParameters, canvas, audio, fonts,
                    timezone, timezoneOffset, swapped, acceptLanguage, webdriver, plugins, outerWidth, outerHeight);
        }
        return this;
    }

    /** The collector script's body for this browser (docs/devices.md, "What it reads"). */
    Map<String, Object> observation() {
        Map<String, Object> browser = new LinkedHashMap<>();
        browser.put("browserJavaEnabled", false);
        browser.put("browserJavascriptEnabled", true);
        browser.put("browserLanguage", languages.get(0));
        browser.put("browserColorDepth", 24);
        browser.put("browserScreenHeight", screenHeight);
        browser.put("browserScreenWidth", screenWidth);
        browser.put("browserTZ", timezoneOffset);
        browser.put("browserUserAgent", userAgent);
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("canvas", canvas);
        signals.put("webglVendor", webglVendor);
        signals.put("webglRenderer", webglRenderer);
        signals.put("webglParameters", webglParameters);
        signals.put("audio", audio);
        signals.put("fonts", fonts);
        signals.put("availWidth", screenWidth);
        signals.put("availHeight", availHeight);
        signals.put("pixelRatio", pixelRatio);
        signals.put("timezone", timezone);
        signals.put("languages", languages);
        signals.put("platform", platform);
        signals.put("hardwareConcurrency", cores);
        if (memory != null) {
            signals.put("deviceMemory", memory);
        }
        signals.put("maxTouchPoints", touchPoints);
        signals.put("webdriver", webdriver);
        signals.put("plugins", plugins);
        signals.put("outerWidth", outerWidth);
        signals.put("outerHeight", outerHeight);
        return Map.of("browser", browser, "signals", signals);
    }
}
