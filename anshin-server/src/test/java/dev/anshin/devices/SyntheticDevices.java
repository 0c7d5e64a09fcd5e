package dev.anshin.devices;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic population of distinct devices seen from Japan, and the ways their signals drift.
 * What it assumes (docs/benchmarks.md repeats it): a few hardware models carry most people (iPhones
 * of one screen size are a third of all devices, as in Japan's mobile traffic); devices of one model
 * with one OS and browser version draw the same canvas and audio (true of real hardware, and why open
 * fingerprinting misjudges phones); desktops differ by installed fonts, drivers and taskbar; 97 % are
 * on Japan's time. Networks as the server compares them (an IPv4 address's /24, an IPv6 address's /64)
 * and as they are shared: a household of one to four devices shares its home network; an IPv6 home
 * (55 %) is the household's own /64, an IPv4 home's /24 is shared with other households of the same
 * provider (a pool of one /24 per ten devices of the population); a phone is half of the time on its
 * carrier, where IPv4 goes through carrier-grade NAT (200 /24s shared by all phones) and IPv6 gives a
 * new /64 for each connection; three in ten desktops sit in an office (one per 60 devices of the
 * population), where most of their visits come from. It knows nothing of the matcher: it only makes
 * signals.
 */
final class SyntheticDevices {

    /** A hardware model: what every device of it shares. */
    record Model(String name, int weight, String kind, String platform, int cores, String memory, int width,
            int height, String pixelRatio, int touch, String renderer, List<String> browsers, int[] browserShares) {
    }

    static final List<Model> MODELS = List.of(
            new Model("iPhone 12-15", 32, "ios", "iPhone", 6, null, 390, 844, "3", 5, "Apple GPU",
                    List.of("Safari", "Chrome"), new int[] {85, 15}),
            new Model("iPhone SE", 8, "ios", "iPhone", 6, null, 375, 667, "2", 5, "Apple GPU",
                    List.of("Safari", "Chrome"), new int[] {85, 15}),
            new Model("iPhone Pro Max", 10, "ios", "iPhone", 6, null, 430, 932, "3", 5, "Apple GPU",
                    List.of("Safari", "Chrome"), new int[] {85, 15}),
            new Model("iPad", 4, "ios", "MacIntel", 6, null, 820, 1180, "2", 5, "Apple GPU",
                    List.of("Safari"), new int[] {100}),
            new Model("Pixel 7", 4, "android", "Linux armv8l", 8, "8", 412, 915, "2.625", 5, "Mali-G710",
                    List.of("Chrome"), new int[] {100}),
            new Model("Galaxy S23", 6, "android", "Linux armv8l", 8, "8", 360, 780, "3", 5, "Adreno (TM) 740",
                    List.of("Chrome", "Samsung"), new int[] {80, 20}),
            new Model("Galaxy A", 4, "android", "Linux armv8l", 8, "4", 412, 915, "2.625", 5, "Mali-G52",
                    List.of("Chrome", "Samsung"), new int[] {80, 20}),
            new Model("AQUOS sense", 4, "android", "Linux armv8l", 8, "4", 393, 873, "2.75", 5, "Adreno (TM) 619",
                    List.of("Chrome"), new int[] {100}),
            new Model("Windows laptop FHD", 10, "windows", "Win32", 8, "8", 1920, 1080, "1.25", 0,
                    "ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)",
                    List.of("Chrome", "Edge", "Firefox"), new int[] {60, 30, 10}),
            new Model("Windows laptop HD", 5, "windows", "Win32", 4, "8", 1366, 768, "1", 0,
                    "ANGLE (Intel, Intel(R) HD Graphics Direct3D11 vs_5_0 ps_5_0, D3D11)",
                    List.of("Chrome", "Edge", "Firefox"), new int[] {60, 30, 10}),
            new Model("Windows desktop", 4, "windows", "Win32", 12, "8", 1920, 1080, "1", 0,
                    "ANGLE (NVIDIA, NVIDIA GeForce GTX 1660 Direct3D11 vs_5_0 ps_5_0, D3D11)",
                    List.of("Chrome", "Edge", "Firefox"), new int[] {65, 20, 15}),
            new Model("MacBook Air", 5, "mac", "MacIntel", 8, "8", 1440, 900, "2", 0, "Apple M1",
                    List.of("Safari", "Chrome"), new int[] {55, 45}),
            new Model("MacBook Pro", 3, "mac", "MacIntel", 8, "8", 1512, 982, "2", 0, "Apple M2",
                    List.of("Safari", "Chrome"), new int[] {50, 50}),
            new Model("Chromebook", 1, "chromeos", "Linux x86_64", 4, "4", 1366, 768, "1", 10,
                    "ANGLE (Intel, Mesa Intel(R) UHD Graphics 600, OpenGL 4.6)", List.of("Chrome"), new int[] {100}));

    private static final List<String> WINDOWS_FONTS = List.of("Arial", "Calibri", "Cambria", "Candara", "Consolas",
            "Constantia", "Corbel", "Courier New", "Georgia", "Impact", "Lucida Console", "Meiryo", "Meiryo UI",
            "MS Gothic", "MS Mincho", "MS PGothic", "MS UI Gothic", "Segoe UI", "Tahoma", "Times New Roman",
            "Trebuchet MS", "Verdana", "Yu Gothic", "Yu Mincho", "BIZ UDGothic", "BIZ UDMincho", "UD Digi Kyokasho N-R");
    private static final List<String> MAC_FONTS = List.of("Arial", "Avenir", "Courier New", "Geneva", "Georgia",
            "Helvetica", "Helvetica Neue", "Hiragino Kaku Gothic ProN", "Hiragino Mincho ProN", "Hiragino Sans",
            "Menlo", "Monaco", "Osaka", "Times New Roman", "Verdana", "YuGothic", "YuMincho");
    private static final List<String> IOS_FONTS = List.of("Arial", "Courier New", "Georgia", "Helvetica",
            "Helvetica Neue", "Hiragino Kaku Gothic ProN", "Hiragino Mincho ProN", "Hiragino Sans", "Menlo",
            "Times New Roman", "Verdana");
    private static final List<String> ANDROID_FONTS = List.of("Noto Sans CJK JP", "Roboto", "Droid Sans Mono",
            "Noto Serif", "Cutive Mono", "Coming Soon");
    private static final List<String> EXTRA_FONTS;

    static {
        List<String> extras = new ArrayList<>();
        for (String family : List.of("Adobe Garamond", "Adobe Caslon", "Myriad Pro", "Minion Pro", "Kozuka Gothic",
                "Kozuka Mincho", "Source Han Sans", "Source Han Serif", "Noto Sans JP", "M PLUS 1p", "Sawarabi Gothic",
                "Kosugi Maru", "Ricty", "HGGothicE", "HGMinchoE", "HGMaruGothicMPRO", "HGSoeiKakugothicUB",
                "Century", "Century Gothic", "Book Antiqua", "Bookman Old Style", "Garamond", "Gill Sans MT",
                "Haettenschweiler", "Lucida Sans", "Monotype Corsiva", "Tw Cen MT", "Wingdings 2", "Wingdings 3",
                "Bahnschrift", "Cascadia Code", "Fira Code", "JetBrains Mono", "Roboto Mono", "Open Sans", "Lato",
                "Montserrat", "Raleway", "Ubuntu", "Inconsolata")) {
            extras.add(family);
        }
        EXTRA_FONTS = List.copyOf(extras);
    }

    static final List<String> ELSEWHERE = List.of("America/Los_Angeles", "America/New_York", "Asia/Shanghai",
            "Asia/Seoul", "Asia/Taipei", "Asia/Bangkok", "Europe/London", "Australia/Sydney");

    /** One device's own, lasting state; {@link #observe} makes the signals of one visit. */
    static final class Device {
        final Model model;
        String browser;
        int browserMajor;
        String osVersion;
        int driver;
        int taskbar;
        Set<String> fonts;
        String screen;
        String availableScreen;
        String pixelRatio;
        String timezone;
        List<String> languages;
        String home;
        /** The office network a work desktop is mostly seen on, or null. */
        String office;
        boolean privateMode;
        /** Bumped when an update redraws canvas or audio: a new value, not one shared with the model. */
        int canvasEpoch;
        int audioEpoch;

        Device(Model model) {
            this.model = model;
        }

        DeviceSignals observe(SplittableRandom random) {
            String network = home;
            boolean mobile = model.kind().equals("ios") || model.kind().equals("android");
            int where = random.nextInt(100);
            if (mobile && where < 50) {
                network = random.nextBoolean() ? "carrier-v6-" + random.nextLong() // a new /64 per connection
                        : "carrier-nat-" + random.nextInt(4) + "-" + random.nextInt(50); // CGNAT: shared
            } else if (!mobile && office != null) {
                network = where < 60 ? office : where < 90 ? home : "elsewhere-" + random.nextInt(1_000_000);
            } else if (!mobile && where < 10) {
                network = "elsewhere-" + random.nextInt(1_000_000);
            }
            String engine = model.kind().equals("ios") ? "WebKit" : browser.equals("Firefox") ? "Gecko"
                    : browser.equals("Safari") ? "WebKit" : "Blink";
            String canvas = privateMode ? "random-" + random.nextLong()
                    : "canvas:" + model.renderer() + ":" + engine + ":" + osVersion + ":" + driver + ":" + canvasEpoch;
            String audio = privateMode && random.nextBoolean() ? "random-" + random.nextLong()
                    : "audio:" + model.kind() + ":" + engine + ":" + osVersion + ":" + audioEpoch;
            return new DeviceSignals(userAgent(), model.platform(), model.cores(),
                    browser.equals("Safari") || browser.equals("Firefox") ? null : model.memory(), screen,
                    availableScreen, pixelRatio, 24, model.touch(), model.renderer(),
                    "webgl:" + model.renderer() + ":" + engine + ":" + driver, timezone, null, languages, audio,
                    canvas, fonts, network, null, Set.of());
        }

        /** A user agent as these browsers send it (Chrome's reduced form: the same for every Android phone). */
        String userAgent() {
            String chrome = "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + browserMajor + ".0.0.0";
            String safariVersion = osVersion.replaceAll("^(\\d+\\.\\d+).*", "$1");
            return switch (model.kind()) {
                case "ios" -> model.platform().equals("MacIntel")
                        ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                + "Version/" + safariVersion + " Safari/605.1.15"
                        : "Mozilla/5.0 (iPhone; CPU iPhone OS " + safariVersion.replace('.', '_') + " like Mac OS X) "
                                + "AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                + (browser.equals("Chrome") ? "CriOS/" + browserMajor + ".0.0.0"
                                        : "Version/" + safariVersion) + " Mobile/15E148 Safari/604.1";
                case "android" -> "Mozilla/5.0 (Linux; Android 10; K) " + (browser.equals("Samsung")
                        ? "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/" + (browserMajor - 104)
                                + ".0 Chrome/" + browserMajor + ".0.0.0" : chrome) + " Mobile Safari/537.36";
                case "windows" -> browser.equals("Firefox")
                        ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:" + browserMajor + ".0) Gecko/20100101 Firefox/"
                                + browserMajor + ".0"
                        : "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + chrome + " Safari/537.36"
                                + (browser.equals("Edge") ? " Edg/" + browserMajor + ".0.0.0" : "");
                case "mac" -> browser.equals("Safari")
                        ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                + "Version/" + safariVersion + " Safari/605.1.15"
                        : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) " + chrome + " Safari/537.36";
                default -> "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) " + chrome + " Safari/537.36";
            };
        }
    }

    private SyntheticDevices() {
    }

    /**
     * A population of {@code size} devices in households (one to four devices sharing a home network),
     * some desktops in offices; shuffled, so that a household's devices are not seen one after another.
     */
    static List<Device> population(SplittableRandom random, int size) {
        int ipv4Pool = Math.max(1, size / 10);
        int offices = Math.max(1, size / 60);
        List<Device> devices = new ArrayList<>(size);
        while (devices.size() < size) {
            int members = new int[] {1, 1, 2, 2, 2, 3, 3, 4}[random.nextInt(8)];
            String home = random.nextInt(100) < 55 ? "home-v6-" + random.nextInt(1 << 30)
                    : "home-v4-" + random.nextInt(ipv4Pool);
            for (int i = 0; i < members && devices.size() < size; i++) {
                Device device = newDevice(random);
                device.home = home;
                boolean desktop = device.model.touch() == 0 || device.model.kind().equals("chromeos");
                if (desktop && random.nextInt(100) < 30) {
                    device.office = "office-" + random.nextInt(offices);
                }
                devices.add(device);
            }
        }
        for (int i = devices.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Device kept = devices.get(i);
            devices.set(i, devices.get(j));
            devices.set(j, kept);
        }
        return devices;
    }

    static Device newDevice(SplittableRandom random) {
        Model model = pick(random);
        Device device = new Device(model);
        device.browser = pickBrowser(model, random);
        device.browserMajor = 130 - random.nextInt(3);
        device.osVersion = switch (model.kind()) {
            case "ios" -> new String[] {"18.1", "18.1", "18.0", "17.6", "17.6", "17.5"}[random.nextInt(6)];
            case "android" -> new String[] {"14", "14", "13"}[random.nextInt(3)];
            case "windows" -> new String[] {"11", "11", "10"}[random.nextInt(3)];
            case "mac" -> new String[] {"15", "14", "14"}[random.nextInt(3)];
            default -> "1";
        };
        boolean desktop = model.kind().equals("windows") || model.kind().equals("mac") || model.kind().equals("chromeos");
        device.driver = model.kind().equals("windows") ? random.nextInt(4) : 0;
        device.taskbar = desktop ? new int[] {40, 48, 25}[random.nextInt(3)] : 0;
        device.screen = DeviceSignals.screen(model.width(), model.height());
        device.pixelRatio = model.pixelRatio();
        device.availableScreen = desktop ? DeviceSignals.screen(model.width(), model.height() - device.taskbar)
                : device.screen;
        Set<String> fonts = new LinkedHashSet<>(switch (model.kind()) {
            case "windows" -> WINDOWS_FONTS;
            case "mac" -> MAC_FONTS;
            case "ios" -> IOS_FONTS;
            default -> ANDROID_FONTS;
        });
        if (desktop) {
            int extras = random.nextInt(100) < 40 ? 0 : 1 + random.nextInt(8);
            for (int i = 0; i < extras; i++) {
                fonts.add(EXTRA_FONTS.get(random.nextInt(EXTRA_FONTS.size())));
            }
        }
        device.fonts = fonts;
        device.timezone = random.nextInt(100) < 97 ? DeviceSignals.JAPAN_TIME_ZONE
                : ELSEWHERE.get(random.nextInt(ELSEWHERE.size()));
        int language = random.nextInt(100);
        device.languages = language < 60 ? List.of("ja-JP") : language < 90 ? List.of("ja-JP", "ja")
                : language < 97 ? List.of("en-US", "en", "ja") : List.of("zh-CN", "zh", "ja");
        device.home = "home-" + random.nextInt(1 << 24);
        device.privateMode = random.nextInt(100) < 5;
        return device;
    }

    /** The kinds of drift, each applied with its own probability between two visits. */
    enum Drift { BROWSER_UPDATE, OS_UPDATE, FONTS_ADDED, EXTERNAL_MONITOR, TRAVEL, PRIVACY_MODE }

    /** Applies drift to the device between two visits; answers which kinds happened. */
    static Set<Drift> drift(Device device, SplittableRandom random) {
        Set<Drift> happened = new LinkedHashSet<>();
        boolean desktop = device.model.kind().equals("windows") || device.model.kind().equals("mac")
                || device.model.kind().equals("chromeos");
        if (random.nextInt(100) < 50) {
            happened.add(Drift.BROWSER_UPDATE);
            device.browserMajor++;
            if (random.nextInt(100) < 30) {
                device.canvasEpoch++;
            }
            if (random.nextInt(100) < 10) {
                device.audioEpoch++;
            }
        }
        if (random.nextInt(100) < 25) {
            happened.add(Drift.OS_UPDATE);
            String[] parts = device.osVersion.split("\\.");
            parts[parts.length - 1] = Integer.toString(Integer.parseInt(parts[parts.length - 1]) + 1);
            device.osVersion = String.join(".", parts);
            // A new OS redraws text and sound a little differently, sometimes.
            if (random.nextInt(100) < 50) {
                device.canvasEpoch++;
            }
            if (random.nextInt(100) < 30) {
                device.audioEpoch++;
            }
        }
        if (desktop && random.nextInt(100) < 15) {
            happened.add(Drift.FONTS_ADDED);
            int added = 1 + random.nextInt(5);
            for (int i = 0; i < added; i++) {
                device.fonts.add(EXTRA_FONTS.get(random.nextInt(EXTRA_FONTS.size())));
            }
        }
        if (desktop && random.nextInt(100) < 10) {
            happened.add(Drift.EXTERNAL_MONITOR);
            int[] monitor = random.nextBoolean() ? new int[] {2560, 1440} : new int[] {1920, 1080};
            device.screen = DeviceSignals.screen(monitor[0], monitor[1]);
            device.availableScreen = DeviceSignals.screen(monitor[0], monitor[1] - device.taskbar);
            device.pixelRatio = "1";
        }
        if (random.nextInt(100) < 5) {
            happened.add(Drift.TRAVEL);
            device.timezone = ELSEWHERE.get(random.nextInt(ELSEWHERE.size()));
            device.home = "hotel-" + random.nextInt(1 << 24);
        }
        if (!device.privateMode && random.nextInt(100) < 5) {
            happened.add(Drift.PRIVACY_MODE);
            device.privateMode = true;
        }
        return happened;
    }

    private static Model pick(SplittableRandom random) {
        int total = MODELS.stream().mapToInt(Model::weight).sum();
        int r = random.nextInt(total);
        for (Model model : MODELS) {
            r -= model.weight();
            if (r < 0) {
                return model;
            }
        }
        throw new IllegalStateException();
    }

    private static String pickBrowser(Model model, SplittableRandom random) {
        int r = random.nextInt(100);
        for (int i = 0; i < model.browsers().size(); i++) {
            r -= model.browserShares()[i];
            if (r < 0) {
                return model.browsers().get(i);
            }
        }
        return model.browsers().get(0);
    }
}
