package dev.anshin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the device collector script posts ({@code POST /device/observations}), for the tests of the devices,
 * device recognition and onboarding: a laptop in Japan whose canvas, fonts and GPU are made its own by a
 * name, so no two tests share a device unless they mean to.
 */
public final class DeviceObservations {

    public static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/130.0.0.0 Safari/537.36";

    private DeviceObservations() {
    }

    /**
     * Letters only: a random id may hold a run of digits that the card-number rule of free text refuses
     * (what a font name or a GPU name must not carry).
     */
    public static String individual() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 16; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    /** A laptop's observation; {@code individual} makes its canvas, fonts and GPU its own. */
    public static Map<String, Object> laptop(String individual, String userAgent) {
        Map<String, Object> browser = new LinkedHashMap<>();
        browser.put("browserJavaEnabled", false);
        browser.put("browserJavascriptEnabled", true);
        browser.put("browserLanguage", "ja-JP");
        browser.put("browserColorDepth", 24);
        browser.put("browserScreenHeight", 1080);
        browser.put("browserScreenWidth", 1920);
        browser.put("browserTZ", -540);
        browser.put("browserUserAgent", userAgent);
        Map<String, Object> signals = new LinkedHashMap<>();
        String hex = Integer.toHexString(individual.hashCode());
        signals.put("canvas", "c0" + hex);
        signals.put("webglVendor", "Google Inc. (Intel)");
        signals.put("webglRenderer", "ANGLE (Intel, UHD Graphics " + individual + ")");
        signals.put("webglParameters", "b0" + hex);
        signals.put("audio", "a0" + hex);
        signals.put("fonts", new ArrayList<>(List.of("Arial", "Meiryo", "Yu Gothic", "Font " + individual)));
        signals.put("availWidth", 1920);
        signals.put("availHeight", 1040);
        signals.put("pixelRatio", 1.25);
        signals.put("timezone", "Asia/Tokyo");
        signals.put("languages", new ArrayList<>(List.of("ja-JP", "ja")));
        signals.put("platform", "Win32");
        signals.put("hardwareConcurrency", 8);
        signals.put("deviceMemory", 8);
        signals.put("maxTouchPoints", 0);
        signals.put("webdriver", false);
        signals.put("plugins", 5);
        signals.put("outerWidth", 1920);
        signals.put("outerHeight", 1040);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("browser", browser);
        body.put("signals", signals);
        return body;
    }

    /** The same laptop driven by WebDriver (automation), as its script reports it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> underWebDriver(Map<String, Object> body) {
        ((Map<String, Object>) body.get("signals")).put("webdriver", true);
        return body;
    }

    /** The collector's request for a body, from Chrome at {@code address}. */
    public static MockHttpServletRequestBuilder observe(String body, String address) {
        return post("/device/observations").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("User-Agent", CHROME).header("Accept-Language", "ja,en;q=0.8")
                .with(RemoteAddresses.from(address));
    }

    /** The observation's reference, once the collector's endpoint took the body from {@code address}. */
    public static String observed(MockMvc mvc, JsonMapper json, Map<String, Object> body, String address)
            throws Exception {
        String answer = mvc.perform(observe(json.writeValueAsString(body), address))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("observation").asText();
    }

    /** A new laptop of its own in Japan, observed from an address no other test uses. */
    public static String newLaptop(MockMvc mvc, JsonMapper json) throws Exception {
        return observed(mvc, json, laptop(individual(), CHROME), RemoteAddresses.fresh());
    }
}
