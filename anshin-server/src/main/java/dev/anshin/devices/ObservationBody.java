package dev.anshin.devices;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The collector script's body: the EMV 3-D Secure browser fields (named as in EMV 3DS 2.x, typed as
 * JSON numbers and booleans) and the fingerprint signals. Read strictly: every field of {@code browser}
 * is required, each signal is optional (a browser without WebGL or audio sends none), and every value
 * is bounded; an unknown field is refused.
 */
record ObservationBody(Browser browser, Signals signals) {

    record Browser(Boolean browserJavaEnabled, Boolean browserJavascriptEnabled, String browserLanguage,
            Integer browserColorDepth, Integer browserScreenHeight, Integer browserScreenWidth, Integer browserTZ,
            String browserUserAgent) {
    }

    record Signals(String canvas, String webglVendor, String webglRenderer, String webglParameters, String audio,
            List<String> fonts, Integer availWidth, Integer availHeight, Double pixelRatio, String timezone,
            List<String> languages, String platform, Integer hardwareConcurrency, Double deviceMemory,
            Integer maxTouchPoints, Boolean webdriver, Integer plugins, Integer outerWidth, Integer outerHeight) {
    }

    private static final Set<Integer> COLOR_DEPTHS = Set.of(1, 4, 8, 15, 16, 24, 30, 32, 48);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9-]{1,35}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_+/-]{1,64}");
    private static final int MAX_FONTS = 200;
    private static final int MAX_LANGUAGES = 20;

    /** What is wrong with the body, by field; empty when it may be matched. Never repeats a value. */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (browser == null) {
            problems.add(new FieldProblem("browser", "is required"));
        } else {
            required(problems, "browser.browserJavaEnabled", browser.browserJavaEnabled());
            required(problems, "browser.browserJavascriptEnabled", browser.browserJavascriptEnabled());
            text(problems, "browser.browserLanguage", browser.browserLanguage(), true, LANGUAGE, 35);
            if (required(problems, "browser.browserColorDepth", browser.browserColorDepth())
                    && !COLOR_DEPTHS.contains(browser.browserColorDepth())) {
                problems.add(new FieldProblem("browser.browserColorDepth", "must be one of " + COLOR_DEPTHS));
            }
            range(problems, "browser.browserScreenHeight", browser.browserScreenHeight(), true, 1, 100_000);
            range(problems, "browser.browserScreenWidth", browser.browserScreenWidth(), true, 1, 100_000);
            range(problems, "browser.browserTZ", browser.browserTZ(), true, -840, 840);
            text(problems, "browser.browserUserAgent", browser.browserUserAgent(), true, null, 512);
        }
        if (signals == null) {
            problems.add(new FieldProblem("signals", "is required (an empty object when nothing could be read)"));
            return problems;
        }
        text(problems, "signals.canvas", signals.canvas(), false, HASH, 64);
        text(problems, "signals.webglVendor", signals.webglVendor(), false, null, 256);
        text(problems, "signals.webglRenderer", signals.webglRenderer(), false, null, 256);
        text(problems, "signals.webglParameters", signals.webglParameters(), false, HASH, 64);
        text(problems, "signals.audio", signals.audio(), false, HASH, 64);
        if (signals.fonts() != null) {
            if (signals.fonts().size() > MAX_FONTS) {
                problems.add(new FieldProblem("signals.fonts", "must hold at most " + MAX_FONTS + " fonts"));
            } else {
                for (int i = 0; i < signals.fonts().size(); i++) {
                    text(problems, "signals.fonts[" + i + "]", signals.fonts().get(i), true, null, 64);
                }
            }
        }
        range(problems, "signals.availWidth", signals.availWidth(), false, 0, 100_000);
        range(problems, "signals.availHeight", signals.availHeight(), false, 0, 100_000);
        positive(problems, "signals.pixelRatio", signals.pixelRatio(), 20);
        text(problems, "signals.timezone", signals.timezone(), false, ZONE, 64);
        if (signals.languages() != null) {
            if (signals.languages().size() > MAX_LANGUAGES) {
                problems.add(new FieldProblem("signals.languages", "must hold at most " + MAX_LANGUAGES + " languages"));
            } else {
                for (int i = 0; i < signals.languages().size(); i++) {
                    text(problems, "signals.languages[" + i + "]", signals.languages().get(i), true, LANGUAGE, 35);
                }
            }
        }
        text(problems, "signals.platform", signals.platform(), false, null, 64);
        range(problems, "signals.hardwareConcurrency", signals.hardwareConcurrency(), false, 1, 1024);
        positive(problems, "signals.deviceMemory", signals.deviceMemory(), 1024);
        range(problems, "signals.maxTouchPoints", signals.maxTouchPoints(), false, 0, 256);
        range(problems, "signals.plugins", signals.plugins(), false, 0, 1000);
        range(problems, "signals.outerWidth", signals.outerWidth(), false, 0, 100_000);
        range(problems, "signals.outerHeight", signals.outerHeight(), false, 0, 100_000);
        return problems;
    }

    /**
     * The signals to match on, with what the server saw: the network ({@code network}, already cut to
     * its prefix), the Accept-Language and User-Agent headers. Call only once {@link #problems} is empty.
     */
    DeviceSignals signals(String network, String acceptLanguage, String headerUserAgent) {
        String userAgent = browser.browserUserAgent();
        Set<String> fonts = new LinkedHashSet<>();
        if (signals.fonts() != null) {
            signals.fonts().forEach(font -> fonts.add(font.toLowerCase(Locale.ROOT)));
        }
        String availableScreen = DeviceSignals.screen(signals.availWidth(), signals.availHeight());
        String renderer = signals.webglVendor() == null && signals.webglRenderer() == null ? null
                : java.util.Objects.toString(signals.webglVendor(), "") + " / "
                        + java.util.Objects.toString(signals.webglRenderer(), "");
        return new DeviceSignals(userAgent, signals.platform(), signals.hardwareConcurrency(),
                number(signals.deviceMemory()), DeviceSignals.screen(browser.browserScreenWidth(),
                browser.browserScreenHeight()), availableScreen, number(signals.pixelRatio()),
                browser.browserColorDepth(), signals.maxTouchPoints(), renderer, signals.webglParameters(),
                signals.timezone(), browser.browserTZ(), signals.languages() == null ? List.of(browser.browserLanguage())
                : signals.languages(), signals.audio(), signals.canvas(), fonts, network, acceptLanguage,
                automation(headerUserAgent));
    }

    /** What in the body and the request says a program, not a person, drives the browser. */
    Set<AutomationMarker> automation(String headerUserAgent) {
        Set<AutomationMarker> markers = EnumSet.noneOf(AutomationMarker.class);
        String userAgent = browser.browserUserAgent();
        if (Boolean.TRUE.equals(signals.webdriver())) {
            markers.add(AutomationMarker.WEBDRIVER);
        }
        if (UserAgents.headless(userAgent) || UserAgents.headless(headerUserAgent)) {
            markers.add(AutomationMarker.HEADLESS_USER_AGENT);
        }
        if (signals.languages() != null && signals.languages().isEmpty()) {
            markers.add(AutomationMarker.NO_LANGUAGES);
        }
        boolean desktopChromium = userAgent.contains("Chrome/") && !UserAgents.mobile(userAgent);
        if (desktopChromium && signals.plugins() != null && signals.plugins() == 0) {
            markers.add(AutomationMarker.NO_PLUGINS);
        }
        if (signals.outerWidth() != null && signals.outerHeight() != null && signals.outerWidth() == 0
                && signals.outerHeight() == 0) {
            markers.add(AutomationMarker.ZERO_OUTER_WINDOW);
        }
        String renderer = (signals.webglRenderer() == null ? "" : signals.webglRenderer()).toLowerCase(Locale.ROOT);
        if (renderer.contains("swiftshader") || renderer.contains("llvmpipe") || renderer.contains("software")) {
            markers.add(AutomationMarker.SOFTWARE_RENDERER);
        }
        if (headerUserAgent != null && !headerUserAgent.equals(userAgent)) {
            markers.add(AutomationMarker.INCONSISTENT_USER_AGENT);
        }
        return markers;
    }

    /** A number as compared: 2 decimals at most, no trailing zeros (3.0 and 3 are one pixel ratio). */
    private static String number(Double value) {
        if (value == null) {
            return null;
        }
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static boolean required(List<FieldProblem> problems, String field, Object value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
            return false;
        }
        return true;
    }

    private static void range(List<FieldProblem> problems, String field, Integer value, boolean required, int min,
            int max) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return;
        }
        if (value < min || value > max) {
            problems.add(new FieldProblem(field, "must be from " + min + " to " + max));
        }
    }

    private static void positive(List<FieldProblem> problems, String field, Double value, double max) {
        if (value != null && !(value > 0 && value <= max)) {
            problems.add(new FieldProblem(field, "must be above 0 and at most " + (long) max));
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, boolean required,
            Pattern pattern, int max) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return;
        }
        if (value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(field, "must be 1 to " + max + " characters"));
            return;
        }
        var character = FreeText.characterProblem(value);
        if (character.isPresent()) {
            problems.add(new FieldProblem(field, character.get()));
        } else if (pattern != null && !pattern.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "has the wrong format"));
        } else if (FreeText.containsCardNumber(value)) {
            problems.add(new FieldProblem(field, FreeText.CARD_NUMBER));
        }
    }
}
