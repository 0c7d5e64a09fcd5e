package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RejectionReason;
import dev.anshin.privacy.RequestKind;
import dev.anshin.privacy.RequestStatus;
import dev.anshin.site.Display;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "My requests" over MockMvc: the person takes in each kind of request once per form, sees their own
 * requests newest first with deadline, status, overdue flag and rejection in words, opens and downloads
 * a completed disclosure; bad input is a message on the page with nothing stored; nobody reaches
 * another person's requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortalRequestsIntegrationTest extends PortalTestSupport {

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    JsonMapper json;

    /** The portal account is in the person's disclosure: the login id and its dates, never a credential. */
    @Test
    void aDisclosureGivesThePortalAccountButNoCredential() throws Exception {
        Enrolled cardholder = enrolled("disclosed");
        signedIn(cardholder);
        String[] credentials = jdbc.sql("SELECT password_hash, totp_secret FROM portal_accounts WHERE customer_id = ?")
                .param(cardholder.customerId()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();

        var items = personalData.disclose(OFFICER, cardholder.customerId()).elsewhere().stream()
                .filter(item -> item.entry().equals(PortalPersonalData.ACCOUNT)).toList();

        assertThat(items).anySatisfy(item -> {
            assertThat(item.values()).containsEntry("loginId", cardholder.loginId()).containsKey("createdAt");
            assertThat(item.values().get("lastSignInAt")).isNotBlank();
            assertThat(item.textJa()).contains(cardholder.loginId());
        });
        for (var item : items) {
            assertThat(item.textJa() + item.textEn() + item.values()).doesNotContain(credentials[0])
                    .doesNotContain(credentials[1]);
        }
    }

    @Test
    void thePersonTakesInEachKindOnceAndSeesTheirRequestsNewestFirst(CapturedOutput output) throws Exception {
        String points = recipient("停止ポイント");
        var a = enrolled("req-kinds");
        MockHttpSession session = signedIn(a);
        assertThat(requestsPage(session)).contains("id=\"no-requests\"").contains("href=\"/portal/requests/deletion\"");
        assertThat(page(session)).contains("href=\"/portal/requests\"");

        String disclosureId = uuid();
        for (int i = 0; i < 2; i++) {
            submit(session, "/portal/requests/disclosure", Map.of("requestId", disclosureId), "DISCLOSURE");
        }
        clock.advance(Duration.ofSeconds(1));
        submit(session, "/portal/requests/stop-of-use", Map.of("purpose", "MARKETING", "requestId", uuid()), "STOP_OF_USE");
        clock.advance(Duration.ofSeconds(1));
        submit(session, "/portal/requests/stop-of-use",
                Map.of("purpose", "THIRD_PARTY_PROVISION", "recipient", points, "requestId", uuid()), "STOP_OF_USE");
        clock.advance(Duration.ofSeconds(1));
        String newEmail = "corrected.secret-" + uuid().substring(0, 8) + "@example.jp";
        submit(session, "/portal/requests/correction",
                Map.of("field", "EMAIL", "value", newEmail, "requestId", uuid(), "customerId", "ignored"), "CORRECTION");
        clock.advance(Duration.ofSeconds(1));
        submit(session, "/portal/requests/deletion", Map.of("confirmed", "yes", "requestId", uuid()), "DELETION");

        List<DataSubjectRequest> taken = requests.listFor(a.customerId());
        assertThat(taken).extracting(DataSubjectRequest::kind).containsExactly(RequestKind.DELETION,
                RequestKind.CORRECTION, RequestKind.STOP_OF_USE, RequestKind.STOP_OF_USE, RequestKind.DISCLOSURE);
        assertThat(taken).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RequestStatus.RECEIVED);
            assertThat(r.receivedBy()).isEqualTo("cardholder:" + a.customerId());
            assertThat(r.requestId()).startsWith("portal:");
        });
        assertThat(taken.get(1).fields()).containsExactly(PersonalField.EMAIL);
        assertThat(taken.get(2).purpose()).isEqualTo(Purpose.THIRD_PARTY_PROVISION);
        assertThat(taken.get(2).recipient()).isEqualTo(points);
        assertThat(taken.get(3).purpose()).isEqualTo(Purpose.MARKETING);

        String html = requestsPage(session);
        assertThat(attributes(html, "data-kind")).containsExactly("DELETION", "CORRECTION", "STOP_OF_USE",
                "STOP_OF_USE", "DISCLOSURE");
        assertThat(row(html, "data-request", taken.get(1).id())).contains("訂正").contains("メールアドレス")
                .contains("受付済み").contains(Display.time(taken.get(1).deadline()))
                .doesNotContain(newEmail);
        assertThat(row(html, "data-request", taken.get(2).id())).contains("提携先・グループ会社への提供 → 停止ポイント");
        assertThat(row(html, "data-request", taken.get(3).id())).contains("商品・サービスのご提案・ご案内");
        assertThat(row(html, "data-request", taken.get(0).id())).contains("消去").contains("保有するすべての情報");
        assertThat(html).doesNotContain("期限超過").doesNotContain("/disclosure.json");
        // Every form of the page carries the CSRF token (the logout's included).
        assertThat(count(html, "<form")).isEqualTo(count(html, "name=\"_csrf\"")).isEqualTo(5);

        // Past the deadline, open requests are flagged.
        clock.advance(Duration.ofDays(15));
        assertThat(row(requestsPage(session), "data-request", taken.get(4).id())).contains("期限超過");

        // The value asked for is in no log line, no audit entry, no column in clear.
        assertThat(output.getAll()).doesNotContain(newEmail);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?").param("%" + newEmail + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject_requests WHERE sealed_values LIKE ? OR fields LIKE ?")
                .params("%" + newEmail + "%", "%" + newEmail + "%").query(Long.class).single()).isZero();
    }

    @Test
    void deletionIsTakenInOnlyAfterTheConfirmation() throws Exception {
        var a = enrolled("req-delete");
        MockHttpSession session = signedIn(a);
        String confirmation = mvc.perform(get("/portal/requests/deletion").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirmation).contains("すべて消去され、元に戻せません").contains("アカウントも削除され")
                .contains("name=\"confirmed\"").contains("name=\"requestId\"").contains("name=\"_csrf\"");
        for (Map<String, String> unconfirmed : List.of(Map.of("requestId", uuid()),
                Map.of("requestId", uuid(), "confirmed", "no"))) {
            var request = post("/portal/requests/deletion").with(csrf()).session(session);
            unconfirmed.forEach(request::param);
            mvc.perform(request).andExpect(redirectedUrl("/portal/requests/deletion?unconfirmed"));
        }
        mvc.perform(get("/portal/requests/deletion").session(session).param("unconfirmed", ""))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("id=\"unconfirmed\"")));
        assertThat(requests.listFor(a.customerId())).isEmpty();
        submit(session, "/portal/requests/deletion", Map.of("requestId", uuid(), "confirmed", "yes"), "DELETION");
        assertThat(requests.listFor(a.customerId())).extracting(DataSubjectRequest::kind)
                .containsExactly(RequestKind.DELETION);
    }

    @Test
    void badInputIsAClearMessageAndNothingIsStored(CapturedOutput output) throws Exception {
        String points = recipient("不正ポイント");
        var a = enrolled("req-bad");
        MockHttpSession session = signedIn(a);
        String used = uuid();
        submit(session, "/portal/requests/disclosure", Map.of("requestId", used), "DISCLOSURE");

        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "SERVICE_OPERATION", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "NO_SUCH_PURPOSE", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use", Map.of("requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "THIRD_PARTY_PROVISION", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use",
                Map.of("purpose", "THIRD_PARTY_PROVISION", "recipient", "no-such-recipient", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use",
                Map.of("purpose", "MARKETING", "recipient", points, "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "MARKETING"), "invalid");
        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "MARKETING", "requestId", "x' OR 1=1"), "invalid");
        refused(session, "/portal/requests/correction", Map.of("field", "CUSTOMER_NUMBER", "value", "X-1", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/correction", Map.of("field", "NO_SUCH_FIELD", "value", "x", "requestId", uuid()), "invalid");
        refused(session, "/portal/requests/correction", Map.of("value", "x", "requestId", uuid()), "invalid");
        String badKana = "notkana-" + uuid().substring(0, 8);
        refused(session, "/portal/requests/correction", Map.of("field", "NAME_KANA", "value", badKana, "requestId", uuid()),
                "value&field=NAME_KANA");
        refused(session, "/portal/requests/correction", Map.of("field", "PHONE", "requestId", uuid()), "value&field=PHONE");
        refused(session, "/portal/requests/correction", Map.of("field", "DATE_OF_BIRTH", "value", "2999-01-01",
                "requestId", uuid()), "value&field=DATE_OF_BIRTH");
        // A form's request id already used for another request.
        refused(session, "/portal/requests/stop-of-use", Map.of("purpose", "MARKETING", "requestId", used), "conflict");
        refused(session, "/portal/requests/correction", Map.of("field", "EMAIL", "value", "a@example.jp", "requestId", used),
                "conflict");
        assertThat(requests.listFor(a.customerId())).extracting(DataSubjectRequest::kind)
                .containsExactly(RequestKind.DISCLOSURE);

        // Each message is clear, in the person's language, and never repeats the value typed.
        assertThat(error(session, "error=value&field=NAME_KANA"))
                .isEqualTo("氏名（カナ）の内容が正しくありません。全角カタカナ100文字以内で入力してください。");
        assertThat(error(session, "error=value&field=NAME_KANA&lang=en"))
                .isEqualTo("The new Name (kana) is not valid. Full-width katakana, up to 100 characters.");
        assertThat(error(session, "error=conflict&lang=ja")).contains("別の請求に使われています");
        assertThat(error(session, "error=invalid")).contains("請求を受け付けられませんでした");
        assertThat(error(session, "error=value&field=CUSTOMER_NUMBER")).contains("請求を受け付けられませんでした");
        assertThat(requestsPage(session, "error=%3Cscript%3E")).doesNotContain("id=\"error\"").doesNotContain("<script>");
        assertThat(output.getAll()).doesNotContain(badKana);

        // Without the CSRF token nothing is taken in.
        mvc.perform(post("/portal/requests/disclosure").session(session).param("requestId", uuid()))
                .andExpect(status().isForbidden());
        assertThat(requests.listFor(a.customerId())).hasSize(1);
    }

    @Test
    void aCompletedDisclosureOpensAsTextAndJsonForItsOwnPersonOnly() throws Exception {
        String points = recipient("開示ポイント");
        var a = enrolled("req-own-a");
        var b = enrolled("req-own-b");
        MockHttpSession sessionA = signedIn(a);
        MockHttpSession sessionB = signedIn(b);
        // B agreed to provision and was provided: the disclosure lists it.
        mvc.perform(post("/portal/privacy/provision").with(csrf()).session(sessionB).param("recipient", points)
                        .param("granted", "true").param("requestId", uuid()))
                .andExpect(redirectedUrl("/portal/privacy?saved=PROVISION"));
        provisions.approve(APPROVER, provisions.request(OFFICER, new dev.anshin.privacy.Provisions.ProvisionRequest("portal-dsr-" + uuid(), points,
                List.of(b.customerId()), java.util.Set.of(PersonalField.NAME_KANJI))).id());

        submit(sessionB, "/portal/requests/disclosure", Map.of("requestId", uuid()), "DISCLOSURE");
        submit(sessionA, "/portal/requests/disclosure", Map.of("requestId", uuid()), "DISCLOSURE");
        String idB = requests.listFor(b.customerId()).get(0).id();
        String idA = requests.listFor(a.customerId()).get(0).id();
        requests.start(OFFICER, idB);
        requests.complete(OFFICER, idB);

        String listB = requestsPage(sessionB);
        assertThat(row(listB, "data-request", idB)).contains("data-status=\"COMPLETED\"").contains("完了")
                .contains("/portal/requests/" + idB + "/disclosure\"")
                .contains("/portal/requests/" + idB + "/disclosure.json\"");
        String text = mvc.perform(get("/portal/requests/" + idB + "/disclosure").session(sessionB))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        assertThat(text).contains("山田 花子req-own-b").contains("第三者提供の記録（新しい順）").contains("開示ポイント")
                .containsPattern("id=\"provisions\"[^>]*data-count=\"1\"");
        String english = mvc.perform(get("/portal/requests/" + idB + "/disclosure").session(sessionB).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Provision to third parties (newest first)").contains("Sakura Points (en)");
        var download = mvc.perform(get("/portal/requests/" + idB + "/disclosure.json").session(sessionB))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment;")))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("disclosure-" + idB + ".json")))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn().getResponse();
        assertThat(download.getContentType()).startsWith("application/json");
        JsonNode document = json.readTree(download.getContentAsByteArray());
        assertThat(document.get("customerId").asText()).isEqualTo(b.customerId());
        assertThat(document.get("values").get("NAME_KANJI").asText()).isEqualTo("山田 花子req-own-b");
        assertThat(document.get("provisionRecords")).hasSize(1);
        assertThat(document.get("provisionRecords").get(0).get("recipientId").asText()).isEqualTo(points);
        String csv = mvc.perform(get("/portal/requests/" + idB + "/disclosure.csv").session(sessionB))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("disclosure-" + idB + ".csv")))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // In the session's language, English since the page above was switched to it.
        assertThat(csv).contains("value,NAME_KANJI,label,Name,value,山田 花子req-own-b").contains("provision," + points);

        // A sees neither B's request nor its disclosure: a 404 page that shows nothing of it.
        String listA = requestsPage(sessionA);
        assertThat(listA).doesNotContain(idB).doesNotContain("/disclosure.json");
        for (String path : List.of("/portal/requests/" + idB + "/disclosure", "/portal/requests/" + idB + "/disclosure.json",
                // A's own request, not completed yet; an unknown id; not an id at all
                "/portal/requests/" + idA + "/disclosure", "/portal/requests/" + uuid() + "/disclosure.json",
                "/portal/requests/" + idB.toUpperCase() + "/disclosure", "/portal/requests/x/disclosure")) {
            String body = mvc.perform(get(path).session(sessionA))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            assertThat(body).as(path).contains("id=\"not-found\"").doesNotContain("山田 花子req-own-b")
                    .doesNotContain(b.customerId());
        }
        // Nor a completed request of another kind.
        submit(sessionA, "/portal/requests/stop-of-use", Map.of("purpose", "STATISTICS", "requestId", uuid()), "STOP_OF_USE");
        String stopA = requests.listFor(a.customerId()).get(0).id();
        requests.complete(OFFICER, stopA);
        mvc.perform(get("/portal/requests/" + stopA + "/disclosure").session(sessionA)).andExpect(status().isNotFound());
        // A rejection is told in words.
        requests.reject(OFFICER, idA, RejectionReason.IDENTITY_NOT_VERIFIED);
        assertThat(row(requestsPage(sessionA), "data-request", idA)).contains("お応えできません")
                .contains("ご本人であることを確認できませんでした");
        assertThat(row(requestsPage(sessionA, "lang=en"), "data-request", idA)).contains("Rejected")
                .contains("We could not confirm your identity");
        assertThat(row(requestsPage(sessionA, "lang=en"), "data-request", stopA)).contains("Completed")
                .contains("Statistical reports for society");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private void submit(MockHttpSession session, String path, Map<String, String> params, String kind) throws Exception {
        var request = post(path).with(csrf()).session(session);
        params.forEach(request::param);
        mvc.perform(request).andExpect(redirectedUrl("/portal/requests?submitted=" + kind));
    }

    private void refused(MockHttpSession session, String path, Map<String, String> params, String error) throws Exception {
        var request = post(path).with(csrf()).session(session);
        new LinkedHashMap<>(params).forEach(request::param);
        mvc.perform(request).andExpect(redirectedUrl("/portal/requests?error=" + error));
    }

    private String requestsPage(MockHttpSession session) throws Exception {
        return requestsPage(session, "");
    }

    private String requestsPage(MockHttpSession session, String query) throws Exception {
        return mvc.perform(get("/portal/requests?" + query).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String error(MockHttpSession session, String query) throws Exception {
        Matcher m = Pattern.compile("id=\"error\">([^<]*)<").matcher(requestsPage(session, query));
        assertThat(m.find()).as(query).isTrue();
        return m.group(1);
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> attributes(String html, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(html);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
