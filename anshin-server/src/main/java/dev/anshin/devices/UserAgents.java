package dev.anshin.devices;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The browser family, its major version and the operating system named in a user agent; coarse on purpose. */
final class UserAgents {

    record Browser(String family, String majorVersion) {
    }

    private static final List<Object[]> BROWSERS = List.of(
            new Object[] {"Edge", Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)")},
            new Object[] {"Opera", Pattern.compile("OPR/(\\d+)")},
            new Object[] {"Samsung Internet", Pattern.compile("SamsungBrowser/(\\d+)")},
            new Object[] {"Firefox", Pattern.compile("(?:Firefox|FxiOS)/(\\d+)")},
            new Object[] {"Chrome", Pattern.compile("(?:HeadlessChrome|Chrome|CriOS)/(\\d+)")},
            new Object[] {"Safari", Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/")});

    private UserAgents() {
    }

    static Browser browser(String userAgent) {
        if (userAgent == null) {
            return new Browser(null, null);
        }
        for (Object[] browser : BROWSERS) {
            Matcher m = ((Pattern) browser[1]).matcher(userAgent);
            if (m.find()) {
                return new Browser((String) browser[0], m.group(1));
            }
        }
        return new Browser("Other", null);
    }

    static String os(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        if (userAgent.contains("iPhone") || userAgent.contains("iPad") || userAgent.contains("iPod")) {
            return "iOS";
        }
        if (userAgent.contains("Android")) {
            return "Android";
        }
        if (userAgent.contains("Windows")) {
            return "Windows";
        }
        if (userAgent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (userAgent.contains("Mac OS X") || userAgent.contains("Macintosh")) {
            return "macOS";
        }
        if (userAgent.contains("Linux")) {
            return "Linux";
        }
        return "Other";
    }

    static boolean headless(String userAgent) {
        return userAgent != null && (userAgent.contains("HeadlessChrome") || userAgent.contains("PhantomJS")
                || userAgent.contains("SlimerJS") || userAgent.contains("Electron/"));
    }

    static boolean mobile(String userAgent) {
        return userAgent != null && (userAgent.contains("Mobile") || userAgent.contains("Android")
                || userAgent.contains("iPhone") || userAgent.contains("iPad"));
    }
}
