package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.problems.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body's checks and the automation markers read from it, one marker per test. */
class ObservationBodyTest {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/130.0.0.0 Safari/537.36";

    static ObservationBody body(String userAgent, Boolean webdriver, List<String> languages, Integer plugins,
            Integer outer, String renderer, String timezone) {
        return new ObservationBody(
                new ObservationBody.Browser(false, true, "ja-JP", 24, 1080, 1920, -540, userAgent),
                new ObservationBody.Signals("ab12", "Google Inc.", renderer, "cd34", "ef56", List.of("Meiryo"), 1920,
                        1040, 1.25, timezone, languages, "Win32", 8, 8.0, 0, webdriver, plugins, outer, outer));
    }

    static ObservationBody person() {
        return body(CHROME, false, List.of("ja-JP", "ja"), 5, 1000, "ANGLE (Intel UHD 620)", "Asia/Tokyo");
    }

    @Test
    void aPersonsBrowserShowsNoMarker() {
        assertThat(person().problems()).isEmpty();
        assertThat(person().automation(CHROME)).isEmpty();
    }

    @Test
    void webdriverIsMarked() {
        assertThat(body(CHROME, true, List.of("ja"), 5, 1000, "ANGLE", "Asia/Tokyo").automation(CHROME))
                .containsExactly(AutomationMarker.WEBDRIVER);
    }

    @Test
    void aHeadlessUserAgentIsMarked() {
        String headless = CHROME.replace("Chrome/", "HeadlessChrome/");
        assertThat(body(headless, false, List.of("ja"), 5, 1000, "ANGLE", "Asia/Tokyo").automation(headless))
                .containsExactly(AutomationMarker.HEADLESS_USER_AGENT);
    }

    @Test
    void noLanguagesIsMarked() {
        assertThat(body(CHROME, false, List.of(), 5, 1000, "ANGLE", "Asia/Tokyo").automation(CHROME))
                .containsExactly(AutomationMarker.NO_LANGUAGES);
    }

    @Test
    void desktopChromeWithoutPluginsIsMarked() {
        assertThat(body(CHROME, false, List.of("ja"), 0, 1000, "ANGLE", "Asia/Tokyo").automation(CHROME))
                .containsExactly(AutomationMarker.NO_PLUGINS);
    }

    @Test
    void aPhoneWithoutPluginsIsNotMarked() {
        String android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/130.0.0.0 Mobile Safari/537.36";
        assertThat(body(android, false, List.of("ja"), 0, 1000, "Adreno", "Asia/Tokyo").automation(android)).isEmpty();
    }

    @Test
    void aWindowOfNoSizeIsMarked() {
        assertThat(body(CHROME, false, List.of("ja"), 5, 0, "ANGLE", "Asia/Tokyo").automation(CHROME))
                .containsExactly(AutomationMarker.ZERO_OUTER_WINDOW);
    }

    @Test
    void softwareRenderingIsMarked() {
        assertThat(body(CHROME, false, List.of("ja"), 5, 1000, "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))",
                "Asia/Tokyo").automation(CHROME)).containsExactly(AutomationMarker.SOFTWARE_RENDERER);
    }

    @Test
    void userAgentsThatDisagreeAreMarked() {
        assertThat(person().automation("curl/8.0")).containsExactly(AutomationMarker.INCONSISTENT_USER_AGENT);
    }

    @Test
    void aClockOutsideJapanIsNoted() {
        DeviceSignals signals = body(CHROME, false, List.of("ja"), 5, 1000, "ANGLE", "America/New_York")
                .signals("v4:10.0.0", "ja", CHROME);
        assertThat(signals.timezoneInJapan()).isFalse();
        assertThat(person().signals("v4:10.0.0", "ja", CHROME).timezoneInJapan()).isTrue();
    }

    @Test
    void languagesWithoutJapaneseAreNoted() {
        assertThat(body(CHROME, false, List.of("en-US", "en"), 5, 1000, "ANGLE", "Asia/Tokyo")
                .signals(null, "en-US", CHROME).speaksJapanese()).isFalse();
        assertThat(person().signals(null, "en", CHROME).speaksJapanese()).isTrue();
    }

    @Test
    void everyBrowserFieldIsRequired() {
        ObservationBody empty = new ObservationBody(new ObservationBody.Browser(null, null, null, null, null, null, null,
                null), new ObservationBody.Signals(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null));
        assertThat(empty.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "browser.browserJavaEnabled", "browser.browserJavascriptEnabled", "browser.browserLanguage",
                "browser.browserColorDepth", "browser.browserScreenHeight", "browser.browserScreenWidth",
                "browser.browserTZ", "browser.browserUserAgent");
    }

    @Test
    void aHashMustBeHex() {
        ObservationBody body = new ObservationBody(person().browser(), new ObservationBody.Signals("not hex", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(body.problems()).extracting(FieldProblem::field).containsExactly("signals.canvas");
    }

    @Test
    void aCardNumberInTextIsRefused() {
        ObservationBody body = new ObservationBody(person().browser(), new ObservationBody.Signals(null, null, null,
                null, null, List.of("4111 1111 1111 1111"), null, null, null, null, null, null, null, null, null, null,
                null, null, null));
        assertThat(body.problems()).extracting(FieldProblem::field).containsExactly("signals.fonts[0]");
    }

    @Test
    void theNetworkIsTheAddressPrefix() {
        assertThat(ObservationController.network("203.0.113.77")).isEqualTo("v4:203.0.113");
        assertThat(ObservationController.network("2001:db8:1234:5678::1")).isEqualTo("v6:32.1.13.184.18.52.86.120");
        assertThat(ObservationController.network("not-an-address")).isNull();
    }

    @Test
    void theRateLimitCountsAnIpv4AddressAndAnIpv6Subnet() {
        assertThat(ObservationController.rateKey("203.0.113.77")).isEqualTo("v4:203.0.113.77");
        assertThat(ObservationController.rateKey("203.0.113.78")).isNotEqualTo(ObservationController.rateKey("203.0.113.77"));
        assertThat(ObservationController.rateKey("2001:db8:1234:5678::1"))
                .isEqualTo(ObservationController.rateKey("2001:db8:1234:5678:ffff:eeee:dddd:cccc"))
                .isEqualTo(ObservationController.network("2001:db8:1234:5678::1"));
        assertThat(ObservationController.rateKey("2001:db8:1234:5679::1"))
                .isNotEqualTo(ObservationController.rateKey("2001:db8:1234:5678::1"));
    }
}
