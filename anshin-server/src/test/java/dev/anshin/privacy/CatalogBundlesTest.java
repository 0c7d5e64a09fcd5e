package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The catalog's bundles for modules that had none of their own (cards, notifications, portal, the privacy
 * module's records): Japanese and English have the same keys, the default is Japanese, and Japanese uses
 * full-width parentheses.
 */
class CatalogBundlesTest {

    private static final List<String> BUNDLES = List.of("catalog-cards", "catalog-notifications", "catalog-portal",
            "catalog-privacy");

    @Test
    void japaneseAndEnglishHaveTheSameKeysAndTheDefaultIsJapanese() throws IOException {
        for (String bundle : BUNDLES) {
            Properties ja = load("/i18n/" + bundle + "_ja.properties");
            Properties en = load("/i18n/" + bundle + "_en.properties");
            assertThat(ja).as(bundle).isNotEmpty();
            assertThat(en.keySet()).as(bundle).isEqualTo(ja.keySet());
            assertThat(load("/i18n/" + bundle + ".properties")).as(bundle).isEqualTo(ja);
            ja.values().forEach(text -> assertThat(text.toString()).as(bundle).doesNotContain("(", ")"));
        }
    }

    @Test
    void everyCardStatusHasItsWords() throws IOException {
        Properties ja = load("/i18n/catalog-cards_ja.properties");
        Properties en = load("/i18n/catalog-cards_en.properties");
        for (dev.anshin.cards.Card.Status status : dev.anshin.cards.Card.Status.values()) {
            assertThat(ja).containsKey("cards.status." + status.name());
            assertThat(en).containsKey("cards.status." + status.name());
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(CatalogBundlesTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
