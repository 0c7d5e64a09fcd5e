package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PaymentTextsTest {

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = PaymentTextsTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theBundlesHaveTheSameKeysAndTheDefaultIsJapanese() throws Exception {
        Properties ja = load("/i18n/payments_ja.properties");
        Properties en = load("/i18n/payments_en.properties");
        assertThat(en.stringPropertyNames()).isEqualTo(ja.stringPropertyNames());
        assertThat(load("/i18n/payments.properties")).isEqualTo(ja);
    }

    @Test
    void everyEntryDecisionAndLabelSourceHasItsWords() throws Exception {
        Properties ja = load("/i18n/payments_ja.properties");
        List<String> keys = new ArrayList<>();
        for (String entry : List.of(PaymentPersonalData.PURCHASES, PaymentPersonalData.PAYMENT_DEVICES,
                PaymentPersonalData.FRAUD_LABELS)) {
            keys.add("payments.catalog." + entry);
            keys.add("payments.catalog." + entry + ".retention");
            keys.add("payments.catalog." + entry + ".storage");
        }
        for (dev.anshin.scoring.Decision decision : dev.anshin.scoring.Decision.values()) {
            keys.add("payments.disclosure.decision." + decision.name());
        }
        for (FraudLabels.Source source : FraudLabels.Source.values()) {
            keys.add("payments.disclosure.label.source." + source.name());
        }
        assertThat(ja.stringPropertyNames()).containsAll(keys);
        // Japanese in full-width brackets.
        assertThat(ja.getProperty("payments.disclosure.purchase")).contains("（").doesNotContain("(");
    }
}
