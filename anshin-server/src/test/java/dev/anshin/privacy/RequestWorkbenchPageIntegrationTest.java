package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The privacy officer's request workbench: one page per request, start, complete (the disclosure
 * generated and readable, a correction applied, a deletion confirmed), reject for a reason; each move
 * through {@link DataSubjectRequests}, audited as the API's; a form sent again changes nothing more; a
 * stale form says the request moved on; customer service reads but cannot act.
 */
class RequestWorkbenchPageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    PersonalData personalData;

    @Autowired
    JdbcClient jdbc;

    private final String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theOfficerStartsAndCompletesADisclosureAndReadsAndDownloadsIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = customer(tag);
        DataSubjectRequest request = file(customer, RequestKind.DISCLOSURE, RequestDetails.none());
        String base = "/privacy/requests/" + request.id();

        String page = page(get(base), asOfficer());
        // Who took it in and how, for a person: not "cardholder:<id>" nor "PORTAL".
        assertThat(page).contains("ご本人が受付（ポータル）").doesNotContain("cardholder:").doesNotContain(">PORTAL<");
        assertThat(page(get(base).param("lang", "en"), asOfficer())).contains("taken in by the customer (portal)");
        assertThat(page).contains("請求の対応: 開示").contains("受付済み").contains("id=\"start\"")
                .contains("id=\"complete\"").contains("id=\"reject\"").doesNotContain("開示" + tag);
        // The queue links to it.
        assertThat(page(get("/privacy/requests"), asOfficer())).contains("href=\"" + base + "\"");

        mvc.perform(post(base + "/start").with(asOfficer()).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl(base)).andExpect(flash().attributeExists("done"));
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
        // Sent again (a double click): the same answer, nothing more recorded.
        mvc.perform(post(base + "/start").with(asOfficer()).with(csrf())).andExpect(status().isFound());
        assertThat(audited("dsr.start", customer)).isEqualTo(1);

        mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()).param("confirmed", "yes"))
                .andExpect(status().isFound()).andExpect(redirectedUrl(base));
        mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf())).andExpect(status().isFound());
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(audited("dsr.complete", customer)).isEqualTo(1);

        String done = page(get(base), asOfficer());
        // Sent again once completed: answered as done without opening the sealed disclosure.
        mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("done"));
        assertThat(audited("dsr.complete", customer)).isEqualTo(1);
        assertThat(done).contains("disclosure.txt?textLang=ja").contains("disclosure.txt?textLang=en");
        assertThat(done).contains("完了").contains("id=\"open-disclosure\"").doesNotContain("id=\"start\"")
                .doesNotContain("id=\"reject\"");
        String disclosure = page(get(base + "/disclosure"), asOfficer());
        assertThat(disclosure).contains("開示" + tag).contains("ご登録の情報").contains("id=\"sealed\"");
        assertThat(audited("dsr.disclosure.read", customer)).isEqualTo(1);
        String text = mvc.perform(get(base + "/disclosure.txt").param("textLang", "en").with(asOfficer()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("Disclosure of the personal data we hold").contains("開示" + tag);
        assertThat(audited("dsr.disclosure.read", customer)).isEqualTo(2);
    }

    @Test
    void theOldFormatParameterLeadsToTheDownloadOrIsRefusedNeverAnsweredWithThePage() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = customer(tag);
        DataSubjectRequest request = file(customer, RequestKind.DISCLOSURE, RequestDetails.none());
        requests.complete(officerActor(), request.id());
        String base = "/privacy/requests/" + request.id();

        mvc.perform(get(base + "/disclosure").param("format", "json").with(asOfficer()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(base + "/disclosure.json?textLang=ja"));
        mvc.perform(get(base + "/disclosure").param("format", "csv").param("textLang", "en").with(asOfficer()))
                .andExpect(redirectedUrl(base + "/disclosure.csv?textLang=en"));
        mvc.perform(get(base + "/disclosure").param("format", "text").param("lang", "en").with(asOfficer()))
                .andExpect(redirectedUrl(base + "/disclosure.txt?textLang=en"));
        mvc.perform(get(base + "/disclosure").param("format", "xml").with(asOfficer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        // Nothing read by the redirects or the refusal: only the download that follows is audited.
        assertThat(audited("dsr.disclosure.read", customer)).isZero();
        mvc.perform(get(base + "/disclosure.json").with(asOfficer())).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"));
        assertThat(audited("dsr.disclosure.read", customer)).isEqualTo(1);
    }

    @Test
    void customerServiceSeesTheRequestButCannotActOnItOrReadTheDisclosure() throws Exception {
        String customer = customer(UUID.randomUUID().toString().substring(0, 8));
        DataSubjectRequest request = file(customer, RequestKind.DISCLOSURE, RequestDetails.none());
        String base = "/privacy/requests/" + request.id();
        RequestPostProcessor support = user("support-" + customer.substring(0, 8)).roles("CUSTOMER_SERVICE");

        String page = page(get(base), support);
        assertThat(page).contains("閲覧のみです").doesNotContain("id=\"start\"").doesNotContain("id=\"complete\"");
        mvc.perform(post(base + "/start").with(support).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(base + "/completion").with(support).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(base + "/rejection").with(support).with(csrf()).param("reason", "NOT_HELD"))
                .andExpect(status().isForbidden());
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);
        requests.complete(officerActor(), request.id());
        mvc.perform(get(base + "/disclosure").with(support)).andExpect(status().isForbidden());
        mvc.perform(get(base + "/disclosure.txt").with(support)).andExpect(status().isForbidden());
        mvc.perform(get(base + "/disclosure.json").with(support)).andExpect(status().isForbidden());
        mvc.perform(get(base + "/disclosure.csv").with(support)).andExpect(status().isForbidden());
        mvc.perform(get(base).with(user("analyst").roles("ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(get("/privacy/requests/" + UUID.randomUUID()).with(asOfficer())).andExpect(status().isNotFound());
    }

    @Test
    void aRejectionNeedsAReasonAndIsRecordedWithIt() throws Exception {
        String customer = customer(UUID.randomUUID().toString().substring(0, 8));
        DataSubjectRequest request = file(customer, RequestKind.STOP_OF_USE, RequestDetails.stopOfUse(Purpose.MARKETING, null));
        String base = "/privacy/requests/" + request.id();

        String refused = mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", ""))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"reason-error\"").contains("お応えできない理由を選んでください")
                .contains("aria-invalid=\"true\"");
        mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", "<script>"))
                .andExpect(status().isUnprocessableContent());
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);

        mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", "IDENTITY_NOT_VERIFIED")
                        .param("confirmed", "yes"))
                .andExpect(status().isFound());
        mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", "IDENTITY_NOT_VERIFIED"))
                .andExpect(status().isFound());
        DataSubjectRequest rejected = requests.find(request.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejected.rejection()).isEqualTo(RejectionReason.IDENTITY_NOT_VERIFIED);
        assertThat(audited("dsr.reject", customer)).isEqualTo(1);
        assertThat(page(get(base).param("lang", "en"), asOfficer())).contains("The person&#39;s identity could not be confirmed")
                .contains("This request is closed.");
    }

    @Test
    void aStaleFormSaysTheRequestMovedOnAndChangesNothing() throws Exception {
        String customer = customer(UUID.randomUUID().toString().substring(0, 8));
        DataSubjectRequest request = file(customer, RequestKind.DISCLOSURE, RequestDetails.none());
        String base = "/privacy/requests/" + request.id();
        // Another officer rejected it while this one's page was open.
        requests.reject(officerActor(), request.id(), RejectionReason.WITHDRAWN_BY_PERSON);

        String stale = mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("別の操作ですでに進んでいます").contains("お応えできません");
        String english = mvc.perform(post(base + "/start").param("lang", "en").with(asOfficer()).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("This request has moved on meanwhile (now: Rejected)");
        mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", "NOT_HELD"))
                .andExpect(status().isConflict());
        DataSubjectRequest after = requests.find(request.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(after.rejection()).isEqualTo(RejectionReason.WITHDRAWN_BY_PERSON);
        assertThat(audited("dsr.complete", customer)).isZero();
    }

    @Test
    void completingACorrectionWritesTheValuesAsked() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customer = customer(tag);
        DataSubjectRequest request = file(customer, RequestKind.CORRECTION,
                RequestDetails.correction(Map.of(PersonalField.EMAIL, "fixed." + tag + "@example.jp")));
        String base = "/privacy/requests/" + request.id();
        assertThat(page(get(base), asOfficer())).contains("メールアドレス").doesNotContain("fixed." + tag);

        mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()).param("confirmed", "yes"))
                .andExpect(status().isFound());
        assertThat(personalData.read(officerActor(), Purpose.DATA_SUBJECT_REQUEST, null, customer,
                Set.of(PersonalField.EMAIL)).get(PersonalField.EMAIL)).isEqualTo("fixed." + tag + "@example.jp");
        assertThat(audited("personal-data.correct", customer)).isEqualTo(1);
    }

    @Test
    void aDeletionIsCompletedOnlyOnceConfirmed() throws Exception {
        String customer = customer(UUID.randomUUID().toString().substring(0, 8));
        DataSubjectRequest request = file(customer, RequestKind.DELETION, RequestDetails.none());
        String base = "/privacy/requests/" + request.id();

        String unconfirmed = mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(unconfirmed).contains("id=\"confirm-error\"");
        assertThat(personalData.isActive(customer)).isTrue();

        mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()).param("confirmed", "yes"))
                .andExpect(status().isFound());
        assertThat(personalData.isActive(customer)).isFalse();
        assertThat(requests.find(request.id()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(audited("dsr.complete", customer)).isEqualTo(1);
    }

    private String customer(String tag) {
        Actor support = new Actor("test-support", EnumSet.of(Role.CUSTOMER_SERVICE), "test");
        return personalData.register(support, "W-" + tag, Map.of(PersonalField.NAME_KANJI, "開示" + tag,
                PersonalField.EMAIL, "w." + tag + "@example.jp")).customerId();
    }

    private DataSubjectRequest file(String customer, RequestKind kind, RequestDetails details) {
        return requests.submit(Actor.cardholder(customer, "portal"), customer, kind, details, ConsentChannel.PORTAL,
                "wb-" + UUID.randomUUID());
    }

    private Actor officerActor() {
        return new Actor("test-officer", EnumSet.of(Role.PRIVACY_OFFICER), "test");
    }

    private RequestPostProcessor asOfficer() {
        return user(officer).roles("PRIVACY_OFFICER");
    }

    private long audited(String action, String customer) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND resource = ? AND outcome = 'SUCCESS' "
                + "AND actor = ?").params(action, "customer/" + customer, officer).query(Long.class).single();
    }

    @Test
    void completingOrRejectingAnyRequestNeedsTheConfirmationTickedLikeOtherIrreversibleMoves() throws Exception {
        String customer = customer(UUID.randomUUID().toString().substring(0, 8));
        DataSubjectRequest disclosure = file(customer, RequestKind.DISCLOSURE, RequestDetails.none());
        String base = "/privacy/requests/" + disclosure.id();
        String form = page(get(base), asOfficer());
        assertThat(form).containsPattern("id=\"complete\"[\\s\\S]*name=\"confirmed\"[\\s\\S]*id=\"reject\"")
                .contains("id=\"reject-confirm\"");

        String unconfirmed = mvc.perform(post(base + "/completion").with(asOfficer()).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(unconfirmed).contains("id=\"confirm-error\"").contains("完了は元に戻せません");
        String unconfirmedRejection = mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf())
                        .param("reason", "NOT_HELD"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(unconfirmedRejection).contains("id=\"reject-confirm-error\"");
        assertThat(requests.find(disclosure.id()).orElseThrow().status()).isEqualTo(RequestStatus.RECEIVED);

        mvc.perform(post(base + "/rejection").with(asOfficer()).with(csrf()).param("reason", "NOT_HELD")
                .param("confirmed", "yes")).andExpect(status().isFound());
        assertThat(requests.find(disclosure.id()).orElseThrow().status()).isEqualTo(RequestStatus.REJECTED);
    }
}
