package dev.anshin.devices;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One observation's signals in clear, normalised (a rotated screen is the same screen, a font name
 * is compared without case), as they exist only in memory while the observation is matched: the
 * browser's (collector script) and the server's (network, Accept-Language). {@link #profile} is what
 * is kept.
 */
record DeviceSignals(String userAgent, String platform, Integer hardwareConcurrency, String deviceMemory,
        String screen, String availableScreen, String pixelRatio, Integer colorDepth, Integer touchPoints,
        String webglRenderer, String webglParameters, String timezone, Integer timezoneOffset,
        List<String> languages, String audio, String canvas, Set<String> fonts, String network,
        String acceptLanguage, Set<AutomationMarker> automation) {

    /** The time zone of Japan, the country every applicant claims for now (the seed issuer's market). */
    static final String JAPAN_TIME_ZONE = "Asia/Tokyo";
    /** Minutes UTC is ahead of Japan's local time, as {@code Date.getTimezoneOffset()} and 3-D Secure's browserTZ give it. */
    static final int JAPAN_OFFSET = -540;

    DeviceSignals {
        languages = languages == null ? List.of() : List.copyOf(languages);
        fonts = fonts == null ? Set.of() : Set.copyOf(fonts);
        automation = automation == null || automation.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(automation));
    }

    /** A screen as compared: the larger side first, so turning a phone does not make another device. */
    static String screen(Integer width, Integer height) {
        if (width == null || height == null) {
            return null;
        }
        return Math.max(width, height) + "x" + Math.min(width, height);
    }

    /** The clear values compared, by signal (absent ones left out). */
    Map<Signal, String> values() {
        Map<Signal, String> values = new EnumMap<>(Signal.class);
        UserAgents.Browser browser = UserAgents.browser(userAgent);
        put(values, Signal.PLATFORM, platform);
        put(values, Signal.OS, UserAgents.os(userAgent));
        put(values, Signal.HARDWARE_CONCURRENCY, hardwareConcurrency == null ? null : hardwareConcurrency.toString());
        put(values, Signal.DEVICE_MEMORY, deviceMemory);
        put(values, Signal.SCREEN, screen);
        put(values, Signal.AVAILABLE_SCREEN, availableScreen);
        put(values, Signal.PIXEL_RATIO, pixelRatio);
        put(values, Signal.COLOR_DEPTH, colorDepth == null ? null : colorDepth.toString());
        put(values, Signal.TOUCH_POINTS, touchPoints == null ? null : touchPoints.toString());
        put(values, Signal.WEBGL_RENDERER, webglRenderer);
        put(values, Signal.WEBGL_PARAMETERS, webglParameters);
        put(values, Signal.TIMEZONE, timezone);
        put(values, Signal.LANGUAGES, languages.isEmpty() ? null : String.join(",", languages).toLowerCase(Locale.ROOT));
        put(values, Signal.AUDIO, audio);
        put(values, Signal.CANVAS, canvas);
        put(values, Signal.BROWSER_FAMILY, browser.family());
        put(values, Signal.BROWSER_VERSION, browser.family() == null || browser.majorVersion() == null ? null
                : browser.family() + "/" + browser.majorVersion());
        put(values, Signal.NETWORK, network);
        return values;
    }

    /** What is kept for matching: every value and every font as a keyed pseudonym. */
    DeviceProfile profile(Pseudonyms pseudonyms) {
        Map<Signal, String> tokens = new EnumMap<>(Signal.class);
        values().forEach((signal, value) -> tokens.put(signal, pseudonyms.token(signal.name(), value)));
        Set<String> fontTokens = new LinkedHashSet<>();
        for (String font : fonts) {
            fontTokens.add(pseudonyms.token("FONT", font.toLowerCase(Locale.ROOT)));
        }
        return new DeviceProfile(tokens, fontTokens);
    }

    /** Whether the browser's clock is set to Japan's time (by zone name, else by offset). */
    boolean timezoneInJapan() {
        if (timezone != null) {
            return JAPAN_TIME_ZONE.equals(timezone) || "Japan".equals(timezone);
        }
        return timezoneOffset == null || timezoneOffset == JAPAN_OFFSET;
    }

    /** Whether Japanese is among the languages the browser asks for (its list, else the Accept-Language header). */
    boolean speaksJapanese() {
        if (!languages.isEmpty()) {
            return languages.stream().anyMatch(DeviceSignals::japanese);
        }
        return acceptLanguage == null || java.util.Arrays.stream(acceptLanguage.split(","))
                .anyMatch(range -> japanese(range.trim()));
    }

    private static boolean japanese(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        return lower.equals("ja") || lower.startsWith("ja-") || lower.startsWith("ja;");
    }

    private static void put(Map<Signal, String> values, Signal signal, String value) {
        if (value != null && !value.isBlank()) {
            values.put(signal, value);
        }
    }
}
