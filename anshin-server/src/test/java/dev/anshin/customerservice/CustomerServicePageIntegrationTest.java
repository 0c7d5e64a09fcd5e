package dev.anshin.customerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.disputes.Channel;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.Disputes;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.RequestKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The customer-service screen: finding the caller three ways (audited; the card's last four and the
 * date of birth compared in the privacy module), their cards masked, charges, cases and requests, and
 * acting for them: a report of a charge through the disputes module (channel STAFF, the staff member
 * as actor, idempotent) and a data-subject request (channel CALL_CENTER, idempotent on its id), with
 * bad input shown next to the field and other roles refused.
 */
class CustomerServicePageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    PersonalData personalData;

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    Disputes disputes;

    @Autowired
    JdbcClient jdbc;

    private final String support = "support-" + UUID.randomUUID().toString().substring(0, 8);
    private String tag;
    private String customer;
    private String dateOfBirth;
    private Card card;
    private String charge;

    @BeforeEach
    void aCustomerWithACardAndACharge() throws Exception {
        tag = UUID.randomUUID().toString().substring(0, 8);
        dateOfBirth = "19" + (50 + ThreadLocalRandom.current().nextInt(40)) + "-0"
                + (1 + ThreadLocalRandom.current().nextInt(9)) + "-1" + ThreadLocalRandom.current().nextInt(10);
        customer = personalData.register(new Actor("test-support", EnumSet.of(Role.CUSTOMER_SERVICE), "test"),
                "CS-" + tag, Map.of(PersonalField.NAME_KANJI, "電話" + tag, PersonalField.NAME_KANA, "デンワ",
                        PersonalField.DATE_OF_BIRTH, dateOfBirth, PersonalField.PHONE, "090-0123-4567",
                        PersonalField.EMAIL, "cs." + tag + "@example.jp")).customerId();
        card = cards.register(newPan(), customer);
        charge = "cs-" + tag;
        Map<String, Object> body = authorization(charge, card.token());
        body.put("merchantName", "SEVEN-ELEVEN #00042 TOKYO JP");
        postAuthorization(body).andExpect(status().isOk());
        // The screen reads charges from the database, which the decision log's indexer fills moments later.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?").param(charge)
                .query(Long.class).single() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void findsTheCallerByIdByCustomerNumberAndByCardAndDateOfBirthAuditingEachSearch() throws Exception {
        String page = "/service/customers/" + customer;
        mvc.perform(post("/service").with(csrf()).param("customerId", customer).with(asSupport()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(page));
        mvc.perform(post("/service").with(csrf()).param("customerNumber", "CS-" + tag).with(asSupport()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(page));
        mvc.perform(post("/service").with(csrf()).param("last4", card.last4()).param("dateOfBirth", dateOfBirth).with(asSupport()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(page));
        assertThat(found(post("/service").with(csrf()).param("last4", card.last4()).param("dateOfBirth", "1901-01-01")))
                .contains("id=\"not-found\"");
        assertThat(found(post("/service").with(csrf()).param("customerNumber", "CS-none-" + tag))).contains("id=\"not-found\"");

        String bad = mvc.perform(post("/service").with(csrf()).param("last4", "12a").param("dateOfBirth", "yesterday").with(asSupport()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("id=\"last4-error\"").contains("数字4桁").contains("id=\"dateOfBirth-error\"");
        assertThat(mvc.perform(post("/service").with(csrf()).param("customerId", "not-an-id").param("lang", "en").with(asSupport()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString())
                .contains("Not a customer id.");

        assertThat(audit("customer-service.find", "customer/" + customer)).isEqualTo(3);
        // A search is a POST with CSRF: the values in an address do not search, and no token, no search.
        assertThat(page(get("/service").param("customerId", customer).param("customerNumber", "CS-" + tag)
                .param("last4", card.last4()).param("dateOfBirth", dateOfBirth))).doesNotContain("id=\"found\"")
                .doesNotContain("id=\"not-found\"").doesNotContain(dateOfBirth);
        mvc.perform(post("/service").param("customerId", customer).with(asSupport())).andExpect(status().isForbidden());
        assertThat(audit("customer-service.find", "customer/" + customer)).isEqualTo(3);
        assertThat(audit("personal-data.find", "customer/" + customer)).isEqualTo(1);
        assertThat(audit("personal-data.match", "customer/" + customer)).isGreaterThanOrEqualTo(2);
        // The values compared never reach the log.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND (detail LIKE ? OR detail LIKE ?)")
                .params(support, "%" + dateOfBirth + "%", "%CS-" + tag + "%").query(Long.class).single()).isZero();
    }

    @Test
    void showsTheCallerTheirMaskedCardsChargesCasesAndRequestsReadForOperatingTheCard() throws Exception {
        DataSubjectRequest asked = requests.submit(Actor.cardholder(customer, "portal"), customer,
                RequestKind.DISCLOSURE, dev.anshin.privacy.RequestDetails.none(), ConsentChannel.PORTAL, "cs-" + tag);
        String page = page(get("/service/customers/" + customer));
        assertThat(page).contains("電話" + tag).contains(dateOfBirth).contains(card.masked()).doesNotContain(card.token())
                .contains("data-authorization=\"" + charge + "\"").contains("セブン-イレブン")
                .contains("data-request=\"" + asked.id() + "\"").contains("開示").contains("受付済み")
                .contains("aria-labelledby=\"charge-0-label charge-0-when charge-0-merchant charge-0-amount\"")
                .contains("id=\"charge-0-merchant\"").doesNotContain("id=\"erased\"")
                .doesNotContain("cs." + tag + "@example.jp");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                        + "AND resource = ? AND purpose = 'SERVICE_OPERATION' AND outcome = 'SUCCESS'")
                .params(support, "customer/" + customer).query(Long.class).single()).isEqualTo(1);
        assertThat(audit("customer-service.view", "customer/" + customer)).isEqualTo(1);
        assertThat(page(get("/service/customers/" + customer).param("lang", "en"))).contains("Who is calling")
                .contains("Report a charge the caller does not recognize");
        mvc.perform(get("/service/customers/" + UUID.randomUUID()).with(asSupport())).andExpect(status().isNotFound());
    }

    @Test
    void filesAReportForTheCallerThroughTheDisputesModuleOnceWhateverTheRetries() throws Exception {
        String base = "/service/customers/" + customer;
        MockHttpServletRequestBuilder report = post(base + "/reports").with(asSupport()).with(csrf())
                .param("authorization", charge).param("cardInHand", "YES").param("familyCouldExplain", "NO")
                .param("subscriptionCouldExplain", "NO").param("recognizesMerchant", "NO").param("certified", "yes");
        mvc.perform(report).andExpect(status().isFound()).andExpect(redirectedUrl(base))
                .andExpect(flash().attributeExists("done"));
        Dispute opened = disputes.ofAuthorization(charge).orElseThrow();
        assertThat(disputes.report(opened.reportId()).orElseThrow().channel()).isEqualTo(Channel.STAFF);
        assertThat(disputes.report(opened.reportId()).orElseThrow().submittedBy()).isEqualTo(support);
        // Sent again (a reload, a double click): the same report, no second one.
        mvc.perform(report).andExpect(status().isFound()).andExpect(flash().attribute("done",
                org.hamcrest.Matchers.containsString("受付済み")));
        assertThat(disputes.ofCustomer(customer)).hasSize(1);
        assertThat(audit("dispute.report", "dispute-report/" + opened.reportId())).isEqualTo(1);
        assertThat(page(get(base))).contains("data-case=\"" + opened.id() + "\"").contains(opened.reference());
    }

    @Test
    void aReportWithoutItsAnswersIsShownAgainWithAMessageAtEachField() throws Exception {
        String refused = mvc.perform(post("/service/customers/" + customer + "/reports").with(asSupport()).with(csrf())
                        .param("cardInHand", "YES").param("familyCouldExplain", "MAYBE"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"authorization-error\"").contains("id=\"familyCouldExplain-error\"")
                .contains("id=\"subscriptionCouldExplain-error\"").contains("id=\"certified-error\"")
                .doesNotContain("id=\"cardInHand-error\"");
        assertThat(disputes.ofCustomer(customer)).isEmpty();
        // A real charge, on another customer's card: refused, and no case opened for either of them.
        String someoneElse = personalData.register(new Actor("test-support", EnumSet.of(Role.CUSTOMER_SERVICE),
                "test"), "CS-other-" + tag, Map.of(PersonalField.NAME_KANJI, "他人" + tag)).customerId();
        Card theirs = cards.register(newPan(), someoneElse);
        String theirCharge = "cs-other-" + tag;
        postAuthorization(authorization(theirCharge, theirs.token())).andExpect(status().isOk());
        String other = mvc.perform(post("/service/customers/" + customer + "/reports").with(asSupport()).with(csrf())
                        .param("authorization", theirCharge).param("cardInHand", "YES")
                        .param("familyCouldExplain", "NO").param("subscriptionCouldExplain", "NO")
                        .param("recognizesMerchant", "NO").param("certified", "yes"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(other).contains("このご利用はお客さまのカードのものではありません");
        assertThat(disputes.ofCustomer(customer)).isEmpty();
        assertThat(disputes.ofCustomer(someoneElse)).isEmpty();
    }

    @Test
    void takesInADataSubjectRequestForTheCallerOnceAndChecksACorrectionsValue() throws Exception {
        String base = "/service/customers/" + customer;
        String requestId = UUID.randomUUID().toString();
        MockHttpServletRequestBuilder disclosure = post(base + "/requests").with(asSupport()).with(csrf())
                .param("requestId", requestId).param("kind", "DISCLOSURE");
        mvc.perform(disclosure).andExpect(status().isFound()).andExpect(redirectedUrl(base));
        mvc.perform(disclosure).andExpect(status().isFound());
        List<DataSubjectRequest> taken = requests.listFor(customer);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).channel()).isEqualTo(ConsentChannel.CALL_CENTER);
        assertThat(taken.get(0).receivedBy()).isEqualTo(support);
        assertThat(audit("dsr.submit", "customer/" + customer)).isEqualTo(1);

        String refused = mvc.perform(post(base + "/requests").with(asSupport()).with(csrf())
                        .param("requestId", UUID.randomUUID().toString()).param("kind", "CORRECTION")
                        .param("field", "EMAIL").param("value", "not an address"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"value-error\"").contains("メールアドレスの形式ではありません")
                .contains("value=\"not an address\"");
        String noPurpose = mvc.perform(post(base + "/requests").with(asSupport()).with(csrf())
                        .param("requestId", UUID.randomUUID().toString()).param("kind", "STOP_OF_USE"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(noPurpose).contains("id=\"purpose-error\"");
        String income = mvc.perform(post(base + "/requests").with(asSupport()).with(csrf())
                        .param("requestId", UUID.randomUUID().toString()).param("kind", "CORRECTION")
                        .param("field", "ANNUAL_INCOME").param("value", "5,000,000"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(income).contains("id=\"value-error\"").contains(PersonalField.ANNUAL_INCOME.labelJa());
        assertThat(requests.listFor(customer)).hasSize(1);

        // The same id used for another request: a conflict, and the form gets a new id for the next try.
        String conflict = mvc.perform(post(base + "/requests").with(asSupport()).with(csrf())
                        .param("requestId", requestId).param("kind", "STOP_OF_USE").param("purpose", "MARKETING"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(conflict).contains("id=\"kind-error\"").contains("name=\"requestId\"")
                .doesNotContain("value=\"" + requestId + "\"");
        // A validation error keeps the id: sent again after the fix, it is still taken in once.
        String kept = UUID.randomUUID().toString();
        assertThat(mvc.perform(post(base + "/requests").with(asSupport()).with(csrf()).param("requestId", kept)
                        .param("kind", "STOP_OF_USE"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString())
                .contains("value=\"" + kept + "\"");
        assertThat(requests.listFor(customer)).hasSize(1);
    }

    @Test
    void anErasedCustomerIsFoundByIdAndTheirPageSaysErased() throws Exception {
        personalData.erase(new Actor("test-privacy", EnumSet.of(Role.PRIVACY_OFFICER), "test"), customer,
                dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, "cs-test-" + tag);
        String page = "/service/customers/" + customer;
        mvc.perform(post("/service").with(csrf()).param("customerId", customer).with(asSupport()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(page));
        assertThat(page(get(page))).contains("id=\"erased\"").contains("消去済み").doesNotContain("id=\"unreadable\"")
                .doesNotContain("id=\"report\"").doesNotContain("電話" + tag);
    }

    @Test
    void onlyCustomerServiceOpensTheScreenOrActsFromIt() throws Exception {
        RequestPostProcessor officer = user("privacy").roles("PRIVACY_OFFICER");
        mvc.perform(get("/service").with(officer)).andExpect(status().isForbidden());
        mvc.perform(get("/service").with(user("analyst").roles("ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(post("/service/customers/" + customer + "/requests").with(officer).with(csrf())
                .param("requestId", UUID.randomUUID().toString()).param("kind", "DISCLOSURE"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/service/customers/" + customer + "/reports").with(user("admin").roles("ADMIN")).with(csrf())
                .param("authorization", charge)).andExpect(status().isForbidden());
        mvc.perform(post("/service/customers/" + customer + "/requests").with(asSupport())
                .param("requestId", UUID.randomUUID().toString()).param("kind", "DISCLOSURE"))
                .andExpect(status().isForbidden()); // no CSRF token
        assertThat(requests.listFor(customer)).isEmpty();
        // Support lands on its screen.
        assertThat(page(get("/service"))).contains("お客さま対応").contains("id=\"nav-service\"");
    }

    private RequestPostProcessor asSupport() {
        return user(support).roles("CUSTOMER_SERVICE");
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return page(request, asSupport());
    }

    private String found(MockHttpServletRequestBuilder request) throws Exception {
        return page(request);
    }

    private long audit(String action, String resource) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND resource = ? "
                + "AND outcome = 'SUCCESS'").params(support, action, resource).query(Long.class).single();
    }

    @Test
    void theConfirmationOfAReportSaysTheCasesStatusInTheSameWordAsTheTable() throws Exception {
        String base = "/service/customers/" + customer;
        org.springframework.test.web.servlet.MvcResult sent = mvc.perform(post(base + "/reports").with(asSupport())
                        .with(csrf()).param("authorization", charge).param("cardInHand", "YES")
                        .param("familyCouldExplain", "NO").param("subscriptionCouldExplain", "NO")
                        .param("recognizesMerchant", "NO").param("certified", "yes"))
                .andExpect(status().isFound()).andReturn();
        Dispute opened = disputes.ofAuthorization(charge).orElseThrow();
        String page = page(get(base).flashAttrs(sent.getFlashMap()));
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("id=\"done-status\">状況: ([^<]+)<").matcher(page);
        assertThat(said.find()).as("the confirmation says the status").isTrue();
        int row = page.indexOf("data-case=\"" + opened.id() + "\"");
        assertThat(page.substring(row, page.indexOf("</tr>", row))).contains(">" + said.group(1) + "<");
    }
}
