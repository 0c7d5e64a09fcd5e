package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.cards.Card;
import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeAction;
import dev.anshin.disputes.DisputeEvent;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * "I don't recognize this charge" in the portal, over MockMvc: the report form offers the
 * cardholder's own charges, takes a report once (a second send leads to the same report) and shows
 * refusals as messages on the form with nothing stored; the status page and its JSON show the
 * cardholder's own report only (anyone else gets the plain 404 page); withdrawing, contesting and
 * answering an analyst's question need the CSRF token and the case's current version.
 */
class PortalDisputeIntegrationTest extends PortalDisputeTestSupport {

    @Test
    void aReportOfTheCardholdersOwnChargeLeadsToItsStatusPageAndASecondSendToTheSameReport() throws Exception {
        var a = enrolled("dsp-own");
        Card card = fixtures.card(a.customerId());
        String charge = fixtures.plain(card, "own", Duration.ofHours(2), 4_980);
        MockHttpSession session = signedIn(a);

        String form = mvc.perform(get("/portal/disputes/new").param("authorization", charge).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String row = row(form, "data-authorization-id", charge);
        assertThat(row).contains("value=\"" + charge + "\"").contains("checked").contains("4,980円")
                .contains(card.masked());
        assertThat(form).contains("カードはお手元にありますか？").contains("はい").contains("わからない")
                .contains("name=\"certified\"").contains("name=\"_csrf\"");

        String location = mvc.perform(report(session, charge, "YES", "NO", "NO", "NO", true))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/portal/disputes/reports/*"))
                .andReturn().getResponse().getRedirectedUrl();
        Dispute stored = disputes.ofAuthorization(charge).orElseThrow();
        assertThat(location).isEqualTo("/portal/disputes/reports/" + stored.reportId());
        assertThat(stored.customerId()).isEqualTo(a.customerId());

        // The same form sent again (a double click, a reload) leads to the same report, nothing more stored.
        mvc.perform(report(session, charge, "YES", "NO", "NO", "NO", true)).andExpect(redirectedUrl(location));
        assertThat(disputes.ofCustomer(a.customerId())).hasSize(1);

        PortalDisputeFixtures.awaitOutcome(disputes, charge);
        String page = mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("4,980円").contains(card.masked()).contains("担当者が確認中")
                .contains("までに判断してお知らせします").contains("申告を取り下げる")
                .doesNotContain(card.token());

        // Listed under "my reports", linked from the settings page; the form shows it as reported.
        String list = mvc.perform(get("/portal/disputes").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(list, "data-report", stored.reportId())).contains("担当者が確認中").contains(location);
        assertThat(page(session)).contains("href=\"/portal/disputes\"");
        String again = mvc.perform(get("/portal/disputes/new").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(again, "data-authorization-id", charge)).doesNotContain("type=\"checkbox\"")
                .contains("href=\"" + location + "\"").contains("申告済み");
    }

    @Test
    void refusedReportsAreMessagesOnTheFormWithNothingStored() throws Exception {
        var a = enrolled("dsp-bad");
        var b = enrolled("dsp-bad-other");
        Card card = fixtures.card(a.customerId());
        Card othersCard = fixtures.card(b.customerId());
        String mine = fixtures.plain(card, "mine", Duration.ofHours(3), 1_200);
        String old = fixtures.plain(card, "old", Duration.ofDays(200), 3_300);
        String theirs = fixtures.plain(othersCard, "theirs", Duration.ofHours(3), 5_500);
        MockHttpSession session = signedIn(a);

        String form = mvc.perform(get("/portal/disputes/new").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains(mine).doesNotContain(theirs).doesNotContain(old);

        String unknown = refused(session, theirs, "YES", "NO", "NO", "NO", true);
        assertThat(unknown).contains("id=\"errors\"").contains("お客さまのカードのご利用の中に見つかりませんでした")
                .doesNotContain("5,500");
        String tooOld = refused(session, old, "YES", "NO", "NO", "NO", true);
        assertThat(tooOld).contains("時間が経っているため、このご利用は申告できません").contains("3,300円");
        String uncertified = refused(session, mine, "YES", "NO", "NO", "NO", false);
        assertThat(uncertified).contains("id=\"error-certified\"").contains("申告にはこの確認が必要です")
                // The choices made are kept.
                .contains("value=\"" + mine + "\" checked");
        String unanswered = refused(session, mine, null, "NO", "NO", "NO", true);
        assertThat(unanswered).contains("id=\"error-cardInHand\"").doesNotContain("id=\"error-familyCouldExplain\"");
        String none = mvc.perform(post("/portal/disputes/new").with(csrf()).session(session).param("cardInHand", "YES")
                        .param("familyCouldExplain", "NO").param("subscriptionCouldExplain", "NO")
                        .param("recognizesMerchant", "NO").param("certified", "yes"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(none).contains("申告するご利用を選んでください");
        // Without the CSRF token: refused before anything is looked at.
        mvc.perform(post("/portal/disputes/new").session(session).param("authorization", mine)
                        .param("cardInHand", "YES").param("familyCouldExplain", "NO")
                        .param("subscriptionCouldExplain", "NO").param("recognizesMerchant", "NO")
                        .param("certified", "yes"))
                .andExpect(status().isForbidden());

        assertThat(disputes.ofAuthorization(mine)).isEmpty();
        assertThat(disputes.ofAuthorization(old)).isEmpty();
        assertThat(disputes.ofAuthorization(theirs)).isEmpty();
        assertThat(disputes.ofCustomer(a.customerId())).isEmpty();

        // Reported once, then again with other answers: already reported.
        mvc.perform(report(session, mine, "YES", "NO", "NO", "NO", true)).andExpect(status().is3xxRedirection());
        assertThat(refused(session, mine, "NO", "NO", "NO", "NO", true)).contains("このご利用はすでに申告されています");
        assertThat(disputes.ofCustomer(a.customerId())).hasSize(1);
        PortalDisputeFixtures.awaitOutcome(disputes, mine);
    }

    @Test
    void nobodyElseSeesOrMovesTheReport() throws Exception {
        var a = enrolled("dsp-a");
        var b = enrolled("dsp-b");
        Card card = fixtures.card(a.customerId());
        String charge = fixtures.plain(card, "private", Duration.ofHours(1), 7_700);
        MockHttpSession sessionA = signedIn(a);
        String location = mvc.perform(report(sessionA, charge, "YES", "NO", "NO", "NO", true))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        Dispute referred = PortalDisputeFixtures.awaitOutcome(disputes, charge);

        MockHttpSession sessionB = signedIn(b);
        for (String path : List.of(location, location + "/status", "/portal/disputes/reports/" + UUID.randomUUID(),
                "/portal/disputes/reports/not-a-uuid")) {
            String body = mvc.perform(get(path).session(sessionB)).andExpect(status().isNotFound())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).as(path).contains("id=\"not-found\"").doesNotContain("7,700")
                    .doesNotContain(card.masked());
        }
        for (String action : List.of("withdraw", "contest")) {
            mvc.perform(post("/portal/disputes/cases/" + referred.id() + "/" + action).with(csrf()).session(sessionB)
                    .param("version", String.valueOf(referred.version()))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/portal/disputes/cases/" + referred.id() + "/answer").with(csrf()).session(sessionB)
                .param("version", String.valueOf(referred.version())).param("answer", "mine"))
                .andExpect(status().isNotFound());
        assertThat(disputes.find(referred.id()).orElseThrow().version()).isEqualTo(referred.version());
        String list = mvc.perform(get("/portal/disputes").session(sessionB)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("id=\"no-reports\"").doesNotContain(referred.reportId());

        // Not signed in at all: the sign-in page.
        mvc.perform(get(location)).andExpect(redirectedUrl("/portal/login"));
    }

    @Test
    void aGenuineRenewalIsExplainedAndCanBeContestedThenWithdrawnWithTheTokenAndTheCurrentVersion() throws Exception {
        var a = enrolled("dsp-genuine");
        Card card = fixtures.card(a.customerId());
        String renewal = fixtures.netflixRenewal(card);
        MockHttpSession session = signedIn(a);
        String location = mvc.perform(report(session, renewal, "YES", "NO", "UNSURE", "NO", true))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        Dispute genuine = PortalDisputeFixtures.awaitOutcome(disputes, renewal);
        assertThat(genuine.status()).isEqualTo(DisputeStatus.DECIDED_GENUINE);

        String page = mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ご本人のご利用と判断").contains("請求名義は「Netflix」").contains("定期的なお支払い")
                .contains("1,490円").contains(PortalDisputeFixtures.NETFLIX)
                .contains("/portal/disputes/cases/" + genuine.id() + "/contest")
                .contains("/portal/disputes/cases/" + genuine.id() + "/withdraw")
                .doesNotContain("id=\"live\"").doesNotContain("disputes.js");

        assertThat(page).contains("受付番号").contains(genuine.reference());
        // My reports: the reference to quote and the merchant's brand (the authorizations read at once).
        String list = mvc.perform(get("/portal/disputes").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(list, "data-report", genuine.reportId())).contains(genuine.reference()).contains("Netflix");

        JsonNode state = json.readTree(mvc.perform(get(location + "/status").session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.live").value(false))
                .andExpect(jsonPath("$.cases['" + genuine.id() + "'].status").value("DECIDED_GENUINE"))
                .andExpect(jsonPath("$.cases['" + genuine.id() + "'].version").value(genuine.version()))
                .andExpect(jsonPath("$.cases['" + genuine.id() + "'].text").value("ご本人のご利用と判断"))
                .andReturn().getResponse().getContentAsString());
        String signature = state.get("signature").asText();

        String contest = "/portal/disputes/cases/" + genuine.id() + "/contest";
        mvc.perform(post(contest).session(session).param("version", String.valueOf(genuine.version())))
                .andExpect(status().isForbidden());
        mvc.perform(post(contest).with(csrf()).session(session).param("version", String.valueOf(genuine.version() - 1)))
                .andExpect(redirectedUrl(location + "?error=stale"));
        assertThat(disputes.find(genuine.id()).orElseThrow().status()).isEqualTo(DisputeStatus.DECIDED_GENUINE);
        mvc.perform(post(contest).with(csrf()).session(session).param("version", String.valueOf(genuine.version())))
                .andExpect(redirectedUrl(location + "?done=CONTEST"));
        Dispute contested = disputes.find(genuine.id()).orElseThrow();
        assertThat(contested.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);

        // Back with an analyst: live again, and the status JSON says something changed.
        String after = mvc.perform(get(location + "?done=CONTEST").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("再調査を依頼しました").contains("担当者が確認中").contains("id=\"live\"")
                .contains("disputes.js").doesNotContain(contest);
        JsonNode live = json.readTree(mvc.perform(get(location + "/status").session(session))
                .andExpect(jsonPath("$.live").value(true)).andReturn().getResponse().getContentAsString());
        assertThat(live.get("signature").asText()).isNotEqualTo(signature);

        String withdraw = "/portal/disputes/cases/" + genuine.id() + "/withdraw";
        mvc.perform(post(withdraw).session(session).param("version", String.valueOf(contested.version())))
                .andExpect(status().isForbidden());
        // Irreversible: refused without the box ticked, nothing changed.
        mvc.perform(post(withdraw).with(csrf()).session(session).param("version", String.valueOf(contested.version())))
                .andExpect(redirectedUrl(location + "?error=confirm"));
        assertThat(disputes.find(genuine.id()).orElseThrow().version()).isEqualTo(contested.version());
        assertThat(mvc.perform(get(location + "?error=confirm").session(session)).andReturn().getResponse()
                .getContentAsString()).contains("調査が終了することを確認するチェック");
        mvc.perform(post(withdraw).with(csrf()).session(session).param("version", String.valueOf(contested.version()))
                        .param("confirmed", "yes"))
                .andExpect(redirectedUrl(location + "?done=WITHDRAW"));
        assertThat(disputes.find(genuine.id()).orElseThrow().status()).isEqualTo(DisputeStatus.WITHDRAWN);
        // Nothing more to do: a second withdraw is refused as not possible now.
        mvc.perform(post(withdraw).with(csrf()).session(session).param("confirmed", "yes")
                        .param("version", String.valueOf(disputes.find(genuine.id()).orElseThrow().version())))
                .andExpect(redirectedUrl(location + "?error=illegal"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND actor = ? AND outcome = 'SUCCESS'")
                .param("dispute/" + genuine.id()).param("cardholder:" + a.customerId()).query(Long.class).single())
                .isEqualTo(2L);
    }

    @Test
    void theCardholderAnswersAnAnalystsQuestion() throws Exception {
        var a = enrolled("dsp-answer");
        Card card = fixtures.card(a.customerId());
        String charge = fixtures.plain(card, "asked", Duration.ofHours(4), 12_000);
        MockHttpSession session = signedIn(a);
        String location = mvc.perform(report(session, charge, "YES", "NO", "NO", "NO", true))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        Dispute referred = PortalDisputeFixtures.awaitOutcome(disputes, charge);
        assertThat(referred.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        Dispute asked = disputes.act(referred.id(), null, DisputeAction.ASK_CARDHOLDER,
                Disputes.Acting.staff("portal-test-analyst", "test"), "Were you travelling that day?", null);
        assertThat(asked.status()).isEqualTo(DisputeStatus.AWAITING_CARDHOLDER);

        String page = mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("お客さまのご回答待ち").contains("Were you travelling that day?")
                .contains("/portal/disputes/cases/" + asked.id() + "/answer").contains("maxlength=\"500\"");

        String path = "/portal/disputes/cases/" + asked.id() + "/answer";
        String version = String.valueOf(asked.version());
        mvc.perform(post(path).session(session).param("version", version).param("answer", "No"))
                .andExpect(status().isForbidden());
        mvc.perform(post(path).with(csrf()).session(session).param("version", version).param("answer", "x".repeat(501)))
                .andExpect(redirectedUrl(location + "?error=answer"));
        mvc.perform(post(path).with(csrf()).session(session).param("version", version).param("answer", "  "))
                .andExpect(redirectedUrl(location + "?error=answer"));
        assertThat(disputes.find(asked.id()).orElseThrow().status()).isEqualTo(DisputeStatus.AWAITING_CARDHOLDER);
        String answer = "いいえ、その日は東京にいました。";
        mvc.perform(post(path).with(csrf()).session(session).param("version", version).param("answer", answer))
                .andExpect(redirectedUrl(location + "?done=CARDHOLDER_ANSWERED"));
        assertThat(disputes.find(asked.id()).orElseThrow().status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(disputes.history(asked.id())).filteredOn(e -> e.action().equals("CARDHOLDER_ANSWERED"))
                .extracting(DisputeEvent::note).containsExactly(answer);
    }

    // --- helpers

    private MockHttpServletRequestBuilder report(MockHttpSession session, String authorizationId, String cardInHand,
            String family, String subscription, String recognizes, boolean certified) {
        MockHttpServletRequestBuilder request = post("/portal/disputes/new").with(csrf()).session(session)
                .param("authorization", authorizationId);
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        answers.put("cardInHand", cardInHand);
        answers.put("familyCouldExplain", family);
        answers.put("subscriptionCouldExplain", subscription);
        answers.put("recognizesMerchant", recognizes);
        answers.forEach((name, value) -> {
            if (value != null) {
                request.param(name, value);
            }
        });
        if (certified) {
            request.param("certified", "yes");
        }
        return request;
    }

    private String refused(MockHttpSession session, String authorizationId, String cardInHand, String family,
            String subscription, String recognizes, boolean certified) throws Exception {
        return mvc.perform(report(session, authorizationId, cardInHand, family, subscription, recognizes, certified))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
    }
}
