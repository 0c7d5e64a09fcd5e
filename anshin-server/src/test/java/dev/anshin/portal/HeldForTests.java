package dev.anshin.portal;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Identifiability;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Another module's personal data as the disclosure tests need it: a catalog entry ({@value #ENTRY}) and
 * the items a test gives a customer ({@link #give}), disclosed for that customer only.
 */
@TestConfiguration
public class HeldForTests {

    public static final String ENTRY = "TEST_PURCHASES";
    public static final String LABEL_JA = "テスト用のご利用履歴";
    public static final String LABEL_EN = "Test purchase history";

    private static final Map<String, List<HeldElsewhere.Disclosed>> HELD = new ConcurrentHashMap<>();

    /** From now on, {@code customerId}'s disclosure holds these items. */
    public static void give(String customerId, List<HeldElsewhere.Disclosed> items) {
        HELD.put(customerId, List.copyOf(items));
    }

    /** A purchase at {@code merchant} for {@code yen}, at {@code authorizedAt} (ISO-8601). */
    public static HeldElsewhere.Disclosed purchase(String merchant, long yen, String authorizedAt) {
        java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
        values.put("authorizedAt", authorizedAt);
        values.put("merchant", merchant);
        values.put("amountMinor", Long.toString(yen));
        values.put("currency", "JPY");
        return new HeldElsewhere.Disclosed(ENTRY, authorizedAt + " " + merchant + " " + yen + "円",
                authorizedAt + " " + merchant + " JPY " + yen, values);
    }

    @Bean
    HeldElsewhere testPurchases() {
        return new HeldElsewhere() {
            @Override
            public List<Entry> catalog() {
                return List.of(new Entry(ENTRY, LABEL_JA, LABEL_EN, DataCategory.PRODUCT_USAGE, Sensitivity.MEDIUM,
                        Identifiability.BY_EASY_LINKAGE, DataOrigin.DERIVED, "for the tests", "in memory",
                        Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST)));
            }

            @Override
            public List<Disclosed> disclose(String customerId) {
                return HELD.getOrDefault(customerId, List.of());
            }
        };
    }
}
