package dev.anshin.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The devices' bundle: Japanese and English say the same things, and every reason and marker has its words. */
class DeviceTextsTest {

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        Properties ja = load("/i18n/devices_ja.properties");
        Properties en = load("/i18n/devices_en.properties");
        assertThat(en.keySet()).isEqualTo(ja.keySet());
        assertThat(load("/i18n/devices.properties")).isEqualTo(ja);
    }

    @Test
    void everyReasonMarkerAndCatalogEntryHasItsWords() throws IOException {
        Properties ja = load("/i18n/devices_ja.properties");
        for (DeviceReason reason : DeviceReason.values()) {
            assertThat(ja).containsKey("devices.reason." + reason.name());
        }
        for (AutomationMarker marker : AutomationMarker.values()) {
            assertThat(ja).containsKey("devices.marker." + marker.name());
        }
        for (String entry : new String[] {DevicePersonalData.LINKS, DevicePersonalData.SIGNALS,
                DevicePersonalData.NETWORK}) {
            assertThat(ja).containsKeys("devices.catalog." + entry, "devices.catalog." + entry + ".retention",
                    "devices.catalog." + entry + ".storage");
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(DeviceTextsTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
