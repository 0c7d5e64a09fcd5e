package dev.anshin.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.portal.Cardholder;
import dev.anshin.portal.PortalAccounts;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The three forms: the cardholder's opinion in the portal (their own voice, sent twice stores once), the public
 * opinion form (no sign-in, CSRF kept, a voice from nobody), the counter entry for customer service (a channel, an
 * optional customer number looked up through the privacy module, the analysis shown after saving); every refusal
 * beside its field, nothing stored.
 */
class VoiceFormsIntegrationTest extends IntegrationTestSupport {

    private static final Actor REGISTRAR = new Actor("voice-forms-test", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final String OPINION = "アプリのポイント画面が見やすくなって助かっています。ありがとうございます。";

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCardholderSendsTheirOpinionOnceEvenWhenTheFormIsSentTwice() throws Exception {
        Customer hanako = customer();
        String form = page(get("/portal/opinion"), hanako.auth());
        assertThat(form).contains("id=\"opinion\"").contains("aria-current=\"page\"").contains("name=\"token\"")
                .contains("maxlength=\"2000\"");
        String token = token(form);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/portal/opinion").with(csrf()).with(hanako.auth()).param("text", OPINION)
                            .param("token", token))
                    .andExpect(redirectedUrl("/portal/opinion?done=sent"));
        }
        List<Map<String, Object>> stored = jdbc.sql("SELECT source, channel, customer_id, submitted_by, seal_key "
                + "FROM voice_items WHERE voice_key = ?").param(token).query().listOfRows();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("source", "PORTAL").containsEntry("channel", "WEB")
                .containsEntry("customer_id", hanako.id()).containsEntry("submitted_by", "portal")
                .containsEntry("seal_key", hanako.id());
        assertThat(page(get("/portal/opinion").param("done", "sent"), hanako.auth())).contains("id=\"done\"");
    }

    @Test
    void aCardholdersEmptyOrTooLongOpinionIsRefusedBesideTheFieldAndNothingStored() throws Exception {
        Customer hanako = customer();
        String token = UUID.randomUUID().toString();
        String empty = mvc.perform(post("/portal/opinion").with(csrf()).with(hanako.auth()).param("text", "  ")
                        .param("token", token))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("id=\"text-error\"").contains("aria-invalid=\"true\"")
                .contains("ご意見を入力してください");
        String tooLong = "あ".repeat(2001);
        String refused = mvc.perform(post("/portal/opinion").with(csrf()).with(hanako.auth()).param("text", tooLong)
                        .param("token", token).param("lang", "en"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"text-error\"").contains("2000 characters")
                .contains("name=\"token\" value=\"" + token + "\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE customer_id = ?").param(hanako.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anyoneMaySendAnOpinionThroughThePublicFormWithItsCsrfToken() throws Exception {
        String form = mvc.perform(get("/opinion")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(form).contains("id=\"no-card-numbers\"").contains("id=\"no-answer\"").contains("name=\"_csrf\"");
        String token = token(form);
        mvc.perform(post("/opinion").param("text", OPINION).param("token", token)).andExpect(status().isForbidden());
        mvc.perform(post("/opinion").with(csrf()).param("text", OPINION).param("token", token))
                .andExpect(redirectedUrl("/opinion?done=sent"));
        Map<String, Object> stored = jdbc.sql("SELECT source, customer_id, submitted_by, seal_key, original_text "
                + "FROM voice_items WHERE voice_key = ?").param(token).query().singleRow();
        assertThat(stored).containsEntry("source", "PUBLIC_FORM").containsEntry("submitted_by", "public-form");
        assertThat(stored.get("customer_id")).isNull();
        assertThat((String) stored.get("seal_key")).startsWith("month:");
        assertThat((String) stored.get("original_text")).doesNotContain("ポイント");
        String english = mvc.perform(post("/opinion").with(csrf()).param("text", "").param("lang", "en")
                        .param("token", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("id=\"text-error\"").contains("Please write your opinion.");
    }

    @Test
    void customerServiceTypesInAVoiceAtTheCounterAndSeesItsAnalysisAndDepartment() throws Exception {
        String staff = "counter-" + UUID.randomUUID().toString().substring(0, 8);
        String form = page(get("/voice/counter"), customerService(staff));
        assertThat(form).contains("<option value=\"STORE\" selected=\"selected\"").contains("id=\"nav-voice-counter\"");
        String token = token(form);
        String saved = mvc.perform(post("/voice/counter").with(csrf()).with(customerService(staff))
                        .param("channel", "CALL_CENTER").param("text", "年会費が高いので見直してほしい。電話 03-1234-5678")
                        .param("customerNumber", "").param("token", token))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String id = saved.substring(saved.indexOf("saved=") + "saved=".length());
        Map<String, Object> stored = jdbc.sql("SELECT source, channel, submitted_by, department FROM voice_items "
                + "WHERE id = ?").param(id).query().singleRow();
        assertThat(stored).containsEntry("source", "STAFF").containsEntry("channel", "CALL_CENTER")
                .containsEntry("submitted_by", staff);
        String shown = page(get(saved), customerService(staff));
        String department = jdbc.sql("SELECT name_ja FROM voice_departments WHERE code = ?")
                .param(stored.get("department")).query(String.class).single();
        assertThat(shown).contains("id=\"saved-department\"").contains(department).doesNotContain("03-1234-5678");
        // Another staff member's saved voice is not shown on one's own page.
        assertThat(page(get(saved), customerService("someone-else"))).doesNotContain("id=\"saved-department\"");
    }

    @Test
    void theCounterLooksTheCustomerUpByNumberAndRefusesAnUnknownNumberBesideTheField() throws Exception {
        String staff = "counter-" + UUID.randomUUID().toString().substring(0, 8);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customerId = personalData.register(REGISTRAR, "V-" + tag, Map.of(PersonalField.NAME_KANJI, "店頭 太郎"))
                .customerId();
        String token = UUID.randomUUID().toString();
        mvc.perform(post("/voice/counter").with(csrf()).with(customerService(staff)).param("channel", "STORE")
                        .param("text", OPINION).param("customerNumber", "V-" + tag).param("token", token))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT customer_id FROM voice_items WHERE voice_key = ?").param(token)
                .query(String.class).single()).isEqualTo(customerId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.find'")
                .param(staff).query(Long.class).single()).isEqualTo(1);

        String other = UUID.randomUUID().toString();
        String refused = mvc.perform(post("/voice/counter").with(csrf()).with(customerService(staff))
                        .param("channel", "STORE").param("text", OPINION).param("customerNumber", "V-nobody-" + tag)
                        .param("token", other))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"customerNumber-error\"").contains("value=\"V-nobody-" + tag + "\"")
                .contains(OPINION);
        String noChannel = mvc.perform(post("/voice/counter").with(csrf()).with(customerService(staff))
                        .param("channel", "FAX").param("text", OPINION).param("token", other))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(noChannel).contains("id=\"channel-error\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE voice_key = ?").param(other)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyCustomerServiceReachesTheCounter() throws Exception {
        mvc.perform(get("/voice/counter").with(user("cx").roles(Role.CUSTOMER_EXPERIENCE.name())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/voice/counter")).andExpect(status().is3xxRedirection());
    }

    @Test
    void thePublicFormIsLimitedPerAddress() throws Exception {
        String address = "10.17." + java.util.concurrent.ThreadLocalRandom.current().nextInt(256) + "."
                + java.util.concurrent.ThreadLocalRandom.current().nextInt(256);
        RequestPostProcessor from = request -> {
            request.setRemoteAddr(address);
            return request;
        };
        int sent = 0;
        org.springframework.mock.web.MockHttpServletResponse answer;
        do {
            answer = mvc.perform(post("/opinion").with(csrf()).with(from).param("text", "")
                    .param("token", UUID.randomUUID().toString())).andReturn().getResponse();
            sent++;
        } while (answer.getStatus() != 429 && sent < 50);
        assertThat(answer.getStatus()).isEqualTo(429);
        assertThat(sent).isGreaterThan(1);
        answer = mvc.perform(post("/opinion").with(csrf()).with(from).param("text", "ポイントの件で")
                .param("token", UUID.randomUUID().toString()).locale(java.util.Locale.JAPANESE)).andReturn().getResponse();
        assertThat(answer.getStatus()).isEqualTo(429);
        // The person gets the form again, their words kept, and a message in their language; never a JSON problem.
        assertThat(answer.getContentType()).startsWith("text/html");
        assertThat(answer.getHeader("Retry-After")).matches("[0-9]+");
        String page = answer.getContentAsString();
        assertThat(page).contains("id=\"form-error\"").contains("分ほどしてから").contains("ポイントの件で")
                .contains("id=\"opinion-form\"").doesNotContain("rate-limited");
        String english = mvc.perform(post("/opinion").with(csrf()).with(from).param("text", "Points")
                        .param("token", UUID.randomUUID().toString()).param("lang", "en"))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Too many opinions were sent from here").contains("Points");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    record Customer(String id, String accountId) {
        RequestPostProcessor auth() {
            return authentication(new UsernamePasswordAuthenticationToken(new Cardholder(accountId, id), null,
                    List.of(new SimpleGrantedAuthority(Role.CARDHOLDER.authority()))));
        }
    }

    private static RequestPostProcessor customerService(String name) {
        return user(name).roles(Role.CUSTOMER_SERVICE.name());
    }

    private Customer customer() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String customerId = personalData.register(REGISTRAR, "O-" + tag, Map.of(PersonalField.NAME_KANJI, "意見 花子",
                PersonalField.EMAIL, "opinion." + tag + "@example.jp")).customerId();
        accounts.enrollForDemo(customerId, "opinion-" + tag, "correct horse 42 " + tag);
        String accountId = jdbc.sql("SELECT id FROM portal_accounts WHERE customer_id = ?").param(customerId)
                .query(String.class).single();
        return new Customer(customerId, accountId);
    }

    private static String token(String form) {
        String marker = "name=\"token\" value=\"";
        int at = form.indexOf(marker) + marker.length();
        return form.substring(at, form.indexOf('"', at));
    }
}
