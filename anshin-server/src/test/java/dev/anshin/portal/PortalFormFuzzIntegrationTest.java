package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.cards.Card;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Fuzzing the cardholder portal's forms (QuickTheories): the "I don't recognize this charge" report
 * and the correction request, signed in, with each field kept, dropped, sent twice or replaced by
 * hostile text. Whatever is sent, no 5xx, and a refused form (the form again, or a redirect with an
 * error) stores nothing.
 */
class PortalFormFuzzIntegrationTest extends PortalDisputeTestSupport {

    /** Text a careless or hostile form sends. */
    private static final List<String> HOSTILE = List.of("", " ", "YES", "yes", "NO", "UNSURE", "EMAIL", "ADDRESS",
            "NAME_KANJI", "\u0000", "\u001b[2J", "\u202eMOC.ELGOOG", "a\u2066b", "\ud800", "4111 1111 1111 1111",
            "x".repeat(5_000), "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%s%n", "\u2028",
            "00000000-0000-0000-0000-000000000000", "東京都千代田区\r\n丸の内", "ｱｲｳ", "😀");

    /** One form field: kept as it is, dropped, sent twice or replaced. */
    record Field(int how, String value) {
    }

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
        Gen<String> text = Generate.oneOf(Generate.pick(HOSTILE), strings().allPossible().ofLengthBetween(0, 24));
        Gen<Field> field = integers().between(0, 5).zip(text, Field::new);
        qt().withExamples(60).withShrinkCycles(20).forAll(lists().of(field).ofSize(valid.size())).checkAssert(fields -> {
            MockHttpServletRequestBuilder form = post(path).with(csrf()).session(session);
            int i = 0;
            for (Map.Entry<String, String> entry : valid.entrySet()) {
                Field change = fields.get(i++);
                // A fresh request id each time, unless this example replaces it.
                String value = entry.getKey().equals("requestId") ? uuid() : entry.getValue();
                switch (change.how()) {
                    case 0, 1 -> form.param(entry.getKey(), value);
                    case 2 -> { } // dropped
                    case 3 -> form.param(entry.getKey(), value, change.value());
                    default -> form.param(entry.getKey(), change.value());
                }
            }
            long before = stored.getAsLong();
            MockHttpServletResponse response;
            try {
                response = mvc.perform(form).andReturn().getResponse();
            } catch (Exception e) {
                throw new AssertionError("the form failed: " + e, e);
            }
            assertThat(response.getStatus()).as("status for %s", fields).isLessThan(500);
            String location = response.getRedirectedUrl();
            boolean refused = response.getStatus() >= 400 || location == null || location.contains("error");
            if (refused) {
                assertThat(stored.getAsLong()).as("stored after a refusal for %s", fields).isEqualTo(before);
            }
        });
    }
}
