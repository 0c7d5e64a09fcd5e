package dev.anshin.portal;

import dev.anshin.HostileForms;
import dev.anshin.cards.Card;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Fuzzing the cardholder portal's forms (QuickTheories, {@link HostileForms}): the "I don't recognize this charge" report
 * and the correction request, signed in, with each field kept, dropped, sent twice or replaced by
 * hostile text. Whatever is sent, no 5xx, and a refused form (the form again, or a redirect with an
 * error) stores nothing.
 */
class PortalFormFuzzIntegrationTest extends PortalDisputeTestSupport {

    @Test
    void reportsOfUnrecognizedCharges() throws Exception {
        var cardholder = enrolled("fuzz-dsp");
        Card card = fixtures.card(cardholder.customerId());
        String charge = fixtures.plain(card, "fuzz", Duration.ofHours(2), 2_480);
        MockHttpSession session = signedIn(cardholder);
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("authorization", charge);
        valid.put("cardInHand", "YES");
        valid.put("familyCouldExplain", "NO");
        valid.put("subscriptionCouldExplain", "NO");
        valid.put("recognizesMerchant", "NO");
        valid.put("certified", "yes");
        answeredCleanly(session, "/portal/disputes/new", valid,
                () -> disputes.ofCustomer(cardholder.customerId()).size());
    }

    @Test
    void correctionRequests() throws Exception {
        var cardholder = enrolled("fuzz-req");
        MockHttpSession session = signedIn(cardholder);
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("field", "ADDRESS");
        valid.put("value", "東京都港区芝公園4-2-8");
        valid.put("requestId", uuid());
        answeredCleanly(session, "/portal/requests/correction", valid,
                () -> jdbc.sql("SELECT COUNT(*) FROM data_subject_requests WHERE customer_id = ?")
                        .param(cardholder.customerId()).query(Long.class).single());
    }

    private void answeredCleanly(MockHttpSession session, String path, Map<String, String> valid, LongSupplier stored) {
        HostileForms.assertAnsweredCleanly(mvc, 60, () -> session, path, valid, stored);
    }
}
