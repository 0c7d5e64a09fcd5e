package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileForms;
import dev.anshin.cards.Card;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeAction;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Fuzzing the cardholder portal's forms (QuickTheories, {@link HostileForms}), signed in, with each
 * field kept, dropped, sent twice or replaced by hostile text: the "I don't recognize this charge"
 * report and the moves on one's own case (answer, contest, withdraw), the requests (correction,
 * disclosure, stop of use, deletion) and the privacy settings (consents, provision per recipient).
 * Whatever is sent, no 5xx, and a refused form (the form again, or a redirect with an error) stores
 * nothing.
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

    @Test
    void answersToAnAnalystsQuestion() throws Exception {
        var cardholder = enrolled("fuzz-ans");
        MockHttpSession session = signedIn(cardholder);
        Dispute referred = reported(session, cardholder);
        Dispute asked = disputes.act(referred.id(), null, DisputeAction.ASK_CARDHOLDER,
                Disputes.Acting.staff("fuzz-analyst", "test"), "Were you travelling that day?", null);
        caseMove(session, asked, "answer", Map.of("answer", "いいえ、東京にいました。"));
    }

    @Test
    void contestsOfADecision() throws Exception {
        var cardholder = enrolled("fuzz-con");
        MockHttpSession session = signedIn(cardholder);
        Card card = fixtures.card(cardholder.customerId());
        String renewal = fixtures.netflixRenewal(card);
        mvc.perform(report(session, renewal, "UNSURE")).andExpect(status().is3xxRedirection());
        Dispute genuine = PortalDisputeFixtures.awaitOutcome(disputes, renewal);
        assertThat(genuine.status()).isEqualTo(DisputeStatus.DECIDED_GENUINE);
        caseMove(session, genuine, "contest", Map.of());
    }

    @Test
    void withdrawals() throws Exception {
        var cardholder = enrolled("fuzz-wd");
        MockHttpSession session = signedIn(cardholder);
        caseMove(session, reported(session, cardholder), "withdraw", Map.of("confirmed", "yes"));
    }

    @Test
    void requestsForDisclosureStopOfUseAndDeletion() throws Exception {
        var cardholder = enrolled("fuzz-dsr");
        MockHttpSession session = signedIn(cardholder);
        LongSupplier requests = () -> jdbc.sql("SELECT COUNT(*) FROM data_subject_requests WHERE customer_id = ?")
                .param(cardholder.customerId()).query(Long.class).single();
        answeredCleanly(session, "/portal/requests/disclosure", form("requestId", uuid()), requests);
        assertThat(requests.getAsLong()).as("some disclosure request was taken in").isPositive();
        answeredCleanly(session, "/portal/requests/stop-of-use", form("purpose", "MARKETING", "recipient", "",
                "requestId", uuid()), requests);
        // Last: one accepted deletion request is enough, and the rest are refused as repeats.
        answeredCleanly(session, "/portal/requests/deletion", form("confirmed", "yes", "requestId", uuid()), requests);
    }

    @Test
    void consentsAndProvisionPerRecipient() throws Exception {
        var cardholder = enrolled("fuzz-cns");
        MockHttpSession session = signedIn(cardholder);
        String recipient = recipient("ふずポイント");
        LongSupplier ledger = () -> jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?")
                .param(cardholder.customerId()).query(Long.class).single();
        answeredCleanly(session, "/portal/privacy/consents", form("purpose", "MARKETING", "granted", "false",
                "requestId", uuid()), ledger);
        answeredCleanly(session, "/portal/privacy/provision", form("recipient", recipient, "granted", "true",
                "requestId", uuid()), ledger);
    }

    /** A plain charge reported through the portal, referred to an analyst. */
    private Dispute reported(MockHttpSession session, Enrolled cardholder) throws Exception {
        Card card = fixtures.card(cardholder.customerId());
        String charge = fixtures.plain(card, "fuzz-case", Duration.ofHours(4), 12_000);
        mvc.perform(report(session, charge, "NO")).andExpect(status().is3xxRedirection());
        Dispute referred = PortalDisputeFixtures.awaitOutcome(disputes, charge);
        assertThat(referred.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        return referred;
    }

    private static MockHttpServletRequestBuilder report(MockHttpSession session, String charge, String subscription) {
        return post("/portal/disputes/new").with(csrf()).session(session).param("authorization", charge)
                .param("cardInHand", "YES").param("familyCouldExplain", "NO")
                .param("subscriptionCouldExplain", subscription).param("recognizesMerchant", "NO")
                .param("certified", "yes");
    }

    /** One move on one's own case, its events counted. */
    private void caseMove(MockHttpSession session, Dispute dispute, String move, Map<String, String> fields) {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("version", String.valueOf(dispute.version()));
        valid.putAll(fields);
        HostileForms.assertAnsweredCleanly(mvc, 30, () -> session, "/portal/disputes/cases/" + dispute.id() + "/" + move,
                valid, () -> jdbc.sql("SELECT COUNT(*) FROM dispute_events WHERE dispute_id = ?").param(dispute.id())
                        .query(Long.class).single());
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private void answeredCleanly(MockHttpSession session, String path, Map<String, String> valid, LongSupplier stored) {
        HostileForms.assertAnsweredCleanly(mvc, 40, () -> session, path, valid, stored);
    }
}
